/** Concrete variant names (`aws-k8s-1.31-nvidia-fips`, `aws-ecs-2`, `metal-dev`), read through each family's naming. */
import { FAMILIES, findFamily, type VariantFamily } from './families.js';

/** A concrete variant name resolved to its family. */
export interface Variant {
  /** As the user gave it, e.g. `aws-k8s-1.31-nvidia`, or a family id such as `aws-k8s`. */
  name: string;
  family: VariantFamily;
  /** The Kubernetes minor version in the name, e.g. `1.31`. */
  kubernetesVersion?: string;
  nvidia: boolean;
  fips: boolean;
}

const NAME = /^(.+?)(?:-(\d+\.\d+))?(-nvidia)?(-fips)?$/;

/** Parses a variant name or a family id; undefined when no family spells its names that way. */
export function parseVariant(name: string): Variant | undefined {
  const family = findFamily(name);
  if (family) return { name, family, nvidia: family.naming.nvidia === 'required', fips: false };
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, base, version, nvidia, fips] = m;
  const match = FAMILIES.find((f) => {
    const n = f.naming;
    if (n.base !== base || n.kubernetesVersion !== (version !== undefined)) return false;
    if (fips && !n.fips) return false;
    return nvidia ? n.nvidia !== 'no' : n.nvidia !== 'required';
  });
  if (!match) return undefined;
  return { name, family: match, ...(version ? { kubernetesVersion: version } : {}), nvidia: Boolean(nvidia), fips: Boolean(fips) };
}

/** Example names for help texts and suggestions: every family, and a concrete name of each naming. */
export function exampleVariantNames(kubernetes = '1.31'): string[] {
  const concrete = FAMILIES.filter((f) => f.naming.kubernetesVersion).map(
    (f) => `${f.naming.base}-${kubernetes}${f.naming.nvidia === 'required' ? '-nvidia' : ''}`,
  );
  return [...new Set([...FAMILIES.map((f) => f.id), ...concrete])];
}
