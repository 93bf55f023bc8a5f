/** Small wording helpers shared by messages and formatters. */

/** "1 error", "2 errors". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
