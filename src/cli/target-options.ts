/**
 * The options every command shares for choosing what to check against: --variant and --os-version.
 * Flags beat a `#:brud variant=… os-version=…` line in the file, which beats the project config file;
 * without any, the variant is inferred from each document and the release is the newest the schemas know.
 */
import { dirname, join, relative, resolve } from 'node:path';
import {
  closest,
  RULES,
  ruleMeta,
  type RuleSetting,
  compareVersions,
  ConfigError,
  exampleVariantNames,
  FAMILIES,
  findConfig,
  isExcluded,
  loadConfigFile,
  NEWEST_RELEASE,
  normalizeRelease,
  OLDEST_RELEASE,
  parseVariant,
  type CheckOptions,
  type ProjectConfig,
} from '../index.js';
import { str, type OptionSpec, type Parsed } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

export const TARGET_OPTIONS = {
  variant: { type: 'string' },
  'os-version': { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  var: { type: 'string', multiple: true },
} as const satisfies OptionSpec;

export const TARGET_HELP = `  --variant NAME          the Bottlerocket variant, e.g. aws-k8s-1.31, aws-ecs-2, vmware-k8s-1.33,
                          or a family (aws-k8s, aws-k8s-nvidia, aws-ecs-2, metal-dev…);
                          default: inferred from each document (kubernetes → aws-k8s, ecs → aws-ecs-2)
  --os-version X.Y.Z      the Bottlerocket release to check against (default: ${NEWEST_RELEASE}, the newest known)
  --var NAME=VALUE        a value for a template's placeholder \${NAME} (repeatable); placeholders
                          without one are checked as unknown values
  --config FILE           the project config to use (default: brud.toml or .brud.toml, found upward
                          from each input); --no-config ignores them`;

/** Check options for one input, and where its variant came from (for the report). */
export interface InputOptions {
  options: CheckOptions;
  variantFrom: 'flag' | 'config';
}

export interface ResolvedTarget {
  /** Check options for one input: flags first, then the input's project config. */
  optionsFor: (file: string) => InputOptions;
  /** Inputs named by the working directory's config file, used when the command line names none. */
  include: () => string[];
  /** Whether directory and glob expansion should skip a path (the config's `exclude`). */
  excluded: (path: string) => boolean;
  /** The working directory's config file, when one is read. */
  configFile: () => string | undefined;
}

export function validateVariant(name: string, command: string): string {
  if (parseVariant(name)) return name;
  const guess = closest(name, exampleVariantNames());
  const examples = 'aws-k8s-1.31, aws-k8s-1.31-nvidia, aws-ecs-2, vmware-k8s-1.31, metal-dev';
  throw new UsageError(
    `unknown variant "${name}"${guess ? `; did you mean "${guess}"?` : ''} (expected a name such as ${examples}, or a family: ${FAMILIES.map((f) => f.id).join(', ')})`,
    command,
  );
}

export function validateRelease(input: string, command: string, io: Io): string {
  const release = normalizeRelease(input);
  if (!release) throw new UsageError(`--os-version must be a Bottlerocket release such as 1.22.0; got "${input}"`, command);
  if (compareVersions(release, OLDEST_RELEASE) < 0)
    throw new UsageError(`--os-version ${release} is older than any release brud knows (${OLDEST_RELEASE})`, command);
  if (compareVersions(release, NEWEST_RELEASE) > 0) {
    io.stderr(`brud: warning: brud knows settings up to Bottlerocket ${NEWEST_RELEASE}; settings added after it are not known\n`);
  }
  return release;
}

export function resolveTargetOptions(p: Parsed, command: string, io: Io): ResolvedTarget {
  const flags: CheckOptions = {};
  const variantFlag = str(p, 'variant');
  const osFlag = str(p, 'os-version');
  if (variantFlag !== undefined) flags.variant = validateVariant(variantFlag, command);
  if (osFlag !== undefined) flags.osVersion = validateRelease(osFlag, command, io);
  const vars = templateVars(p, command);
  if (vars) flags.vars = vars;
  // parseArgs reads --no-config as the negation of --config
  const noConfig = p.values['no-config'] === true || p.values.config === false;
  const explicit = typeof p.values.config === 'string' ? p.values.config : undefined;
  const stdinFile = str(p, 'stdin-filename');
  const ruleFlags = ruleOptions(p, command);
  let explicitConfig: ProjectConfig | undefined;
  const configFor = (file: string): ProjectConfig | undefined => {
    try {
      if (noConfig) return undefined;
      if (explicit) return (explicitConfig ??= loadConfigFile(explicit, io.cwd));
      // stdin is looked up from where --stdin-filename says it belongs (ESLint does the same)
      const from = file === '-' ? (stdinFile === undefined ? io.cwd : dirname(resolve(io.cwd, stdinFile))) : dirname(resolve(io.cwd, file));
      return findConfig(from, io.cwd);
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(`invalid config: ${e.message}`, command);
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`config file not found: ${explicit}`, command);
      throw e;
    }
  };
  return {
    include: () => {
      const here = configFor('-');
      return here ? here.include.map((g) => relative(io.cwd, join(here.dir, g)) || '.') : [];
    },
    excluded: (path) => isExcluded(configFor(path), path, io.cwd),
    configFile: () => configFor('-')?.file,
    optionsFor: (file) => {
      const config = configFor(file);
      // the config's target is a default: a `#:brud` line in the file beats it, flags beat both
      const options: CheckOptions = { ...flags };
      const fromConfig = options.variant === undefined && config?.variant !== undefined;
      const defaults = {
        ...(config?.variant ? { variant: config.variant } : {}),
        ...(config?.osVersion ? { osVersion: config.osVersion } : {}),
      };
      if (Object.keys(defaults).length > 0) options.defaults = defaults;
      if (config || ruleFlags) options.rules = { ...config?.rules, ...ruleFlags };
      return { options, variantFrom: fromConfig ? 'config' : 'flag' };
    },
  };
}

export const RULE_HELP = `  --rule RULE=SEVERITY    set a configurable rule's severity: off, info, warn(ing) or error (repeatable;
                          beats brud.toml), e.g. --rule bootstrap/mode-missing=error`;

const SEVERITY_NAMES: Readonly<Record<string, RuleSetting>> = {
  off: 'off',
  info: 'info',
  warn: 'warning',
  warning: 'warning',
  error: 'error',
};

/** `--rule id=severity`, repeatable, as ESLint's `--rule`: only the rules a config may re-grade. */
function ruleOptions(p: Parsed, command: string): Record<string, RuleSetting> | undefined {
  const given = p.values.rule;
  if (!Array.isArray(given) || given.length === 0) return undefined;
  const out: Record<string, RuleSetting> = {};
  for (const spec of given as string[]) {
    const eq = spec.lastIndexOf('=');
    const id = eq === -1 ? spec : spec.slice(0, eq);
    const severity = eq === -1 ? undefined : SEVERITY_NAMES[spec.slice(eq + 1)];
    if (eq === -1 || severity === undefined)
      throw new UsageError(`--rule ${spec}: write RULE=SEVERITY, the severity one of off, info, warn, warning, error`, command);
    const meta = ruleMeta(id);
    if (!meta) {
      const guess = closest(
        id,
        RULES.map((r) => r.id),
      );
      throw new UsageError(`--rule: unknown rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}`, command);
    }
    if (!meta.configurable) throw new UsageError(`--rule: "${id}" is Bottlerocket's own verdict and cannot be re-graded`, command);
    out[id] = severity;
  }
  return out;
}

/** `--var NAME=VALUE`, repeated: the values of a template's placeholders. */
function templateVars(p: Parsed, command: string): Record<string, string> | undefined {
  const given = p.values.var as string[] | undefined;
  if (!given || given.length === 0) return undefined;
  const vars: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const v of given) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var takes NAME=VALUE, got "${v}"`, command);
    vars[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return vars;
}
