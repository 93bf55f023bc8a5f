/**
 * "Did you mean …?" for misspelled keys and values: the optimal-string-alignment distance
 * (insertions, deletions, substitutions and adjacent swaps) over candidates.
 *
 * The cost is bounded whatever the input: a word only gets a suggestion within a third of its length,
 * so words longer than MAX_WORD never get one and are not compared; candidates whose length differs by
 * more than the limit are skipped; and the distance is computed in three reused rows, stopping as soon
 * as every entry of a row exceeds the limit. A hostile 900 KB key therefore costs one length check.
 */

/** Longer words get no suggestion (no setting name comes close to this length). */
export const MAX_WORD = 64;

let rows: [Uint16Array, Uint16Array, Uint16Array] = [new Uint16Array(0), new Uint16Array(0), new Uint16Array(0)];

/**
 * The distance between `a` and `b`, or `limit + 1` when it is larger than `limit` (the exact value
 * beyond the limit is never needed).
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  if (rows[0].length < n + 1) rows = [new Uint16Array(n + 1), new Uint16Array(n + 1), new Uint16Array(n + 1)];
  let [before, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[n]!, limit + 1);
}

function fold(s: string): string {
  return s.toLowerCase().replace(/_/g, '-');
}

/**
 * The closest candidate, if it is close enough to be a likely typo: within a third of the word's
 * length, or equal ignoring case and the `_`/`-` separator (`cluster_name` → `cluster-name`).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  const folded = fold(word);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === word || c.length > MAX_WORD + limit) continue;
    const other = fold(c);
    const dist = other === folded ? 0 : boundedDistance(folded, other, limit);
    if (dist < bestDistance || (dist === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = dist;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
