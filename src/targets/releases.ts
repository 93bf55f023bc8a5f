/**
 * Bottlerocket releases brud knows about. The schemas annotate keys with the release that introduced
 * them (`x-since`); a target release makes newer keys unknown, as they are on a node of that release.
 * Sources: bottlerocket-os/bottlerocket CHANGELOG.md and the release PRs ("Prepare 1.N.0").
 */

/** The newest release whose settings the schemas describe; the default target. */
export const NEWEST_RELEASE = '1.66.0';

/** Oldest release brud accepts as a target: user-data settings as we know them begin here. */
export const OLDEST_RELEASE = '0.3.0';

export type Version = readonly [number, number, number];

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)$/;

export function parseVersion(s: string): Version | undefined {
  const m = VERSION.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

// the release gates compare the same few versions for every key of every file
const parsedVersions = new Map<string, Version | undefined>();

function cachedVersion(s: string): Version | undefined {
  if (parsedVersions.has(s)) return parsedVersions.get(s);
  const v = parseVersion(s);
  if (parsedVersions.size < 1024) parsedVersions.set(s, v);
  return v;
}

/** Compares two X.Y.Z versions (a leading `v` is allowed). */
export function compareVersions(a: string, b: string): number {
  const x = cachedVersion(a);
  const y = cachedVersion(b);
  if (!x || !y) throw new Error(`not a version: ${!x ? a : b}`);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** True when `release` already has something introduced in `since` (absent = always). */
export function isAvailable(since: string | undefined, release: string): boolean {
  return since === undefined || compareVersions(since, release) <= 0;
}

/** Normalizes user input such as `v1.22` or `1.22.0` to `1.22.0`; undefined if it is not a version. */
export function normalizeRelease(input: string): string | undefined {
  const short = /^v?(\d+)\.(\d+)$/.exec(input.trim());
  const parts = short ? [Number(short[1]), Number(short[2]), 0] : parseVersion(input);
  // a part past 2^53 would be rounded (99999999999999999999 → 100000000000000000000): no release
  return parts && parts.every((n) => Number.isSafeInteger(n)) ? parts.join('.') : undefined;
}
