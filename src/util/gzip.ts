/**
 * What both platform modules (src/util/platform.ts for Node, web/platform.ts for the playground) share
 * about gzip: the error they throw and where a member's deflate data starts.
 */

/** A gzip that could not be decompressed: `tooLarge` when the output passed the limit. */
export class GunzipError extends Error {
  constructor(
    message: string,
    readonly tooLarge: boolean,
  ) {
    super(message);
  }
}

/** Where the deflate data of a gzip member starts (RFC 1952 header, with its optional fields), or -1. */
export function gzipBodyStart(b: Uint8Array): number {
  if (b.length < 10 || b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) return -1;
  const flags = b[3]!;
  let at = 10;
  if (flags & 0x04) at += 2 + (b[at]! | (b[at + 1]! << 8)); // FEXTRA
  for (const flag of [0x08, 0x10]) {
    if (!(flags & flag)) continue; // FNAME, FCOMMENT: zero-terminated
    while (at < b.length && b[at] !== 0) at++;
    at++;
  }
  if (flags & 0x02) at += 2; // FHCRC
  return at <= b.length ? at : -1;
}
