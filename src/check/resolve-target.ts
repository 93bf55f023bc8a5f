/**
 * What a document is checked against: the variant named by the caller, or the family inferred from the
 * namespaces the document uses; and the release asked for, or the newest known.
 */
import type { Finding } from '../model/diagnostic.js';
import type { TomlTable } from '../model/value.js';
import { verdict } from '../rules/verdicts.js';
import { loadSchema } from '../schema/bundle.js';
import { familyAccepts, inferFamily, isFamilyAvailable, variantAvailability } from '../targets/availability.js';
import { FAMILIES } from '../targets/families.js';
import { NEWEST_RELEASE } from '../targets/releases.js';
import type { Target } from '../targets/target.js';
import { parseVariant } from '../targets/variant-name.js';
import type { CheckOptions } from './types.js';

export function resolveTarget(settings: TomlTable | undefined, options: CheckOptions): { target?: Target; findings: Finding[] } {
  const release = options.osVersion ?? NEWEST_RELEASE;
  const releaseSource = options.osVersion ? 'given' : 'default';
  if (options.variant) {
    const variant = parseVariant(options.variant);
    if (!variant) throw new Error(`unknown variant "${options.variant}"`); // the library validates options first
    const findings: Finding[] = [];
    const why = variantAvailability(variant, release);
    if (why)
      findings.push(
        verdict('target/variant-unavailable', 'unavailable', { variant: variant.name, release, reason: why }, { span: 'input' }),
      );
    const concrete = variant.name === variant.family.id ? {} : { variant };
    return { target: { family: variant.family, ...concrete, release, variantSource: 'given', releaseSource }, findings };
  }
  const known = loadSchema().$defs?.settings?.properties ?? {};
  const used = Object.keys(settings ?? {}).filter((ns) => Object.hasOwn(known, ns));
  const family = inferFamily(used, release);
  // "inferred" only when the namespaces used tell families apart; common ones leave the default
  const telling = used.some((ns) => FAMILIES.some((f) => isFamilyAvailable(f, release) && !familyAccepts(f, ns, release)));
  if (family) return { target: { family, release, variantSource: telling ? 'inferred' : 'default', releaseSource }, findings: [] };
  const data = { namespaces: used.map((ns) => `settings.${ns}`).join(', '), release, hint: conflictHint(used, release) };
  return { findings: [verdict('target/no-variant', 'noVariant', data, { path: ['settings'], at: 'key' })] };
}

function conflictHint(used: string[], release: string): string {
  const orchestrators = new Set(
    used.flatMap((ns) => FAMILIES.filter((f) => f.orchestrator !== 'none' && ns === f.orchestrator).map((f) => f.orchestrator)),
  );
  if (orchestrators.size > 1) return 'kubernetes is for Kubernetes variants and ecs for ECS variants';
  const family = inferFamily([], release);
  const missing = family ? used.filter((ns) => !familyAccepts(family, ns, release)) : used;
  return `check ${missing.map((m) => 'settings.' + m).join(', ')} (pass --variant to see which keys your variant lacks)`;
}
