/**
 * What the user-data is checked against: a variant family (and concrete variant name, if given) and
 * a Bottlerocket release.
 */
import type { Variant, VariantFamily } from '../targets/variants.js';

export interface Target {
  family: VariantFamily;
  /** The concrete variant when the user named one (`aws-k8s-1.31`). */
  variant?: Variant;
  release: string;
  /** How the family was chosen: the user's flag or config, or inferred from the document. */
  variantSource: 'flag' | 'config' | 'inferred' | 'default';
  releaseSource: 'flag' | 'config' | 'default';
}

/** The variant as printed in messages: the concrete name if known, else the family. */
export function targetName(t: Target): string {
  return t.variant?.name ?? t.family.id;
}
