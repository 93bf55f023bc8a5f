/**
 * The options every command shares for choosing what to check against: --variant and --os-version.
 * Flags beat the project config file; without either, the variant is inferred from each document and
 * the release is the newest the schemas know.
 */
import type { CheckOptions, RuleSetting } from '../check.js';
import { NEWEST_RELEASE, normalizeRelease, compareVersions, OLDEST_RELEASE } from '../targets/releases.js';
import { FAMILIES, parseVariant } from '../targets/variants.js';
import { closest } from '../validate/suggest.js';
import { str, type Parsed } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

export const TARGET_OPTIONS = {
  variant: { type: 'string' },
  'os-version': { type: 'string' },
} as const;

export const TARGET_HELP = `  --variant NAME          the Bottlerocket variant, e.g. aws-k8s-1.31, aws-ecs-2, vmware-k8s-1.33,
                          or a family (aws-k8s, aws-k8s-nvidia, aws-ecs-2, metal-dev…);
                          default: inferred from each document (kubernetes → aws-k8s, ecs → aws-ecs-2)
  --os-version X.Y.Z      the Bottlerocket release to check against (default: ${NEWEST_RELEASE}, the newest known)`;

export interface ResolvedTarget {
  options: CheckOptions;
  /** Inputs named by the config file, used when the command line names none. */
  include: string[];
  /** Rule severities for one input. */
  rulesFor: (file: string) => Record<string, RuleSetting> | undefined;
}

export function validateVariant(name: string, command: string): string {
  if (parseVariant(name)) return name;
  const names = [...FAMILIES.map((f) => f.id), 'aws-k8s-1.31', 'vmware-k8s-1.31', 'aws-k8s-1.31-nvidia'];
  const guess = closest(name, names);
  throw new UsageError(
    `unknown variant "${name}"${guess ? `; did you mean "${guess}"?` : ''} (expected a name such as aws-k8s-1.31, aws-k8s-1.31-nvidia, aws-ecs-2, vmware-k8s-1.31, metal-dev, or a family: ${FAMILIES.map((f) => f.id).join(', ')})`,
    command,
  );
}

export function validateRelease(input: string, command: string, io: Io): string {
  const release = normalizeRelease(input);
  if (!release) throw new UsageError(`--os-version must be a Bottlerocket release such as 1.22.0; got "${input}"`, command);
  if (compareVersions(release, OLDEST_RELEASE) < 0) throw new UsageError(`--os-version ${release} is older than any release brud knows (${OLDEST_RELEASE})`, command);
  if (compareVersions(release, NEWEST_RELEASE) > 0) {
    io.stderr(`brud: warning: brud knows settings up to Bottlerocket ${NEWEST_RELEASE}; settings added after it are not known\n`);
  }
  return release;
}

export function resolveTargetOptions(p: Parsed, command: string, io: Io): ResolvedTarget {
  const variant = str(p, 'variant');
  const os = str(p, 'os-version');
  const options: CheckOptions = {};
  if (variant !== undefined) {
    options.variant = validateVariant(variant, command);
    options.variantSource = 'flag';
  }
  if (os !== undefined) {
    options.osVersion = validateRelease(os, command, io);
    options.releaseSource = 'flag';
  }
  return { options, include: [], rulesFor: () => undefined };
}
