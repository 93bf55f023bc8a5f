/**
 * What the user-data is checked against: a variant family (and concrete variant name, if given) and
 * a Bottlerocket release.
 */
import type { VariantFamily } from './families.js';
import type { Variant } from './variant-name.js';

export interface Target {
  family: VariantFamily;
  /** The concrete variant when one was named (`aws-k8s-1.31`). */
  variant?: Variant;
  release: string;
  /**
   * How the family was chosen: given by the caller, inferred from the namespaces the document uses, or
   * the default family because the namespaces used fit every family.
   */
  variantSource: 'given' | 'file' | 'inferred' | 'default';
  releaseSource: 'given' | 'default';
}

/** The variant as named in messages: the concrete name if known, else the family. */
export function targetName(t: Pick<Target, 'family' | 'variant'>): string {
  return t.variant?.name ?? t.family.id;
}
