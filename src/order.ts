/** Byte order of UTF-8 strings: how Rust's BTreeMap<String, _> orders keys, and how brud sorts names. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
