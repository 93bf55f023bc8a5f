/**
 * Byte order of UTF-8 strings: how Rust's BTreeMap<String, _> orders keys, and how brud sorts names.
 * UTF-8 byte order is code-point order, which differs from JavaScript's UTF-16 order only where a
 * surrogate pair (U+10000 and up) meets a code unit from U+E000 to U+FFFF; compared without allocating.
 */
export function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    // a surrogate (part of a code point above U+FFFF) sorts after every other BMP code unit
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
