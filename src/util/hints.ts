/**
 * The short hints that end messages ("; did you mean …?"), in one place. Each returns '' when there is
 * nothing to suggest, so templates can end in `{{hint}}` unconditionally.
 */
export const hints = {
  didYouMean: (guess: string | undefined): string => (guess ? `; did you mean "${guess}"?` : ''),
  didYouMeanAside: (guess: string | undefined): string => (guess ? ` (did you mean "${guess}"?)` : ''),
  belongsIn: (homes: readonly string[]): string => (homes.length > 0 ? `; it belongs in ${homes.join(' or ')}` : ''),
} as const;
