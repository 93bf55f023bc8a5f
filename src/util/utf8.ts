/** Strict UTF-8, as Rust's `str` and serde_json require. */

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as text, or undefined where they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The offset of the first byte that is not part of valid UTF-8 (bytes.length when all are valid). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const len = sequenceLength(b[i]!);
    if (len === 0 || !continuationsOk(b, i, len) || !scalarOk(b, i, len)) return i;
    i += len;
  }
  return b.length;
}

function sequenceLength(c: number): number {
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return 2;
  if (c >= 0xe0 && c <= 0xef) return 3;
  if (c >= 0xf0 && c <= 0xf4) return 4;
  return 0;
}

function continuationsOk(b: Uint8Array, i: number, len: number): boolean {
  for (let k = 1; k < len; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return false;
  return true;
}

/** No overlong forms, no surrogates, nothing above U+10FFFF. */
function scalarOk(b: Uint8Array, i: number, len: number): boolean {
  const c = b[i]!;
  if (len === 3) {
    const cp = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6);
    return cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff);
  }
  if (len === 4) {
    const cp = ((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12);
    return cp >= 0x10000 && cp <= 0x10ffff;
  }
  return true;
}
