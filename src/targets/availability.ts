/** What exists on a release: which family accepts which namespace, which families and variants ship. */
import { FACTS } from './facts.js';
import { FAMILIES, findFamily, type VariantFamily } from './families.js';
import { KUBERNETES_VERSIONS } from './kubernetes-versions.js';
import { compareVersions, isAvailable } from './releases.js';
import type { Variant } from './variant-name.js';

/**
 * Whether a family accepts a namespace on a release (and, where it matters, for the concrete variant).
 * The namespace's own `x-since` in the schema is checked separately; this adds the family's matrix.
 */
export function familyAccepts(family: VariantFamily, namespace: string, release: string, variant?: Variant): boolean {
  const rule = Object.hasOwn(family.namespaces, namespace) ? family.namespaces[namespace] : undefined;
  if (rule === undefined) return false;
  if (rule === true) return true;
  if (typeof rule === 'string') return isAvailable(rule, release);
  if (rule.since && !isAvailable(rule.since, release)) return false;
  if (rule.until && isAvailable(rule.until, release)) return false;
  const when = rule.when;
  if (when && variant?.kubernetesVersion && (when.before === undefined || !isAvailable(when.before, release))) {
    return compareVersions(`${variant.kubernetesVersion}.0`, `${when.kubernetesAtLeast}.0`) >= 0;
  }
  return true;
}

export function isFamilyAvailable(family: VariantFamily, release: string): boolean {
  return isAvailable(family.introduced, release) && (family.removed === undefined || compareVersions(release, family.removed) < 0);
}

/** Families (available on the release) that accept a namespace, for "it exists on …" hints. */
export function familiesAccepting(namespace: string, release: string): VariantFamily[] {
  return FAMILIES.filter((f) => familyAccepts(f, namespace, release) && isFamilyAvailable(f, release));
}

/**
 * How a family that accepts a namespace is named in a hint: its id, plus the Kubernetes versions when only
 * some of its variants have the namespace (`aws-k8s (Kubernetes 1.33+)`).
 */
export function familyLabel(family: VariantFamily, namespace: string, release: string): string {
  const rule = Object.hasOwn(family.namespaces, namespace) ? family.namespaces[namespace] : undefined;
  const when = typeof rule === 'object' ? rule.when : undefined;
  return when && (when.before === undefined || !isAvailable(when.before, release))
    ? `${family.id} (Kubernetes ${when.kubernetesAtLeast}+)`
    : family.id;
}

/** The order in which families are tried when the variant is inferred from the document. */
const INFERENCE_ORDER = ['aws-k8s', 'aws-k8s-nvidia', 'aws-ecs-2', 'aws-ecs-3', 'aws-ecs-4', 'aws-dev'];

/**
 * Infers the family from the namespaces a document uses: the first family in a fixed order that
 * accepts all of them on the release. Undefined when no family does (e.g. both `kubernetes` and `ecs`).
 */
export function inferFamily(namespaces: readonly string[], release: string): VariantFamily | undefined {
  const ordered = INFERENCE_ORDER.map((id) => findFamily(id)!);
  const candidates = [...ordered, ...FAMILIES.filter((f) => !INFERENCE_ORDER.includes(f.id))];
  return candidates.find((f) => isFamilyAvailable(f, release) && namespaces.every((ns) => familyAccepts(f, ns, release)));
}

/** Why a concrete variant name does not exist on a release, or undefined when it does (or when brud cannot tell). */
export function variantAvailability(variant: Variant, release: string): string | undefined {
  const { family } = variant;
  if (!isFamilyAvailable(family, release)) {
    return family.removed && compareVersions(release, family.removed) >= 0
      ? `the ${family.id} variants were removed in Bottlerocket ${family.removed}`
      : `the ${family.id} variants first shipped in Bottlerocket ${family.introduced}`;
  }
  const fips = variant.nvidia ? FACTS.nvidiaFipsVariants : FACTS.fipsVariants;
  if (variant.fips && !isAvailable(fips.since, release)) return `FIPS variants first shipped in Bottlerocket ${fips.since}`;
  if (!variant.kubernetesVersion) return undefined;
  const row = KUBERNETES_VERSIONS[family.platform].find(([v]) => v === variant.kubernetesVersion);
  if (!row) return `brud knows no ${family.platform}-k8s-${variant.kubernetesVersion} variant`;
  const [, added, removed] = row;
  if (!isAvailable(added, release)) return `${variant.name} first shipped in Bottlerocket ${added}`;
  if (removed && compareVersions(release, removed) >= 0) return `${variant.name} was removed by Bottlerocket ${removed}`;
  return undefined;
}
