/** Base64 as EC2 and Bottlerocket's models read it, without Node's Buffer (the library also runs in browsers). */

/**
 * Rust base64 `general_purpose::STANDARD` (`ValidBase64`): standard alphabet, canonical padding, no
 * whitespace, and the unused bits of the last character zero.
 */
const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;

export function isCanonicalBase64(s: string): boolean {
  return CANONICAL.test(s);
}

/** Standard-alphabet base64 text (whitespace removed): padded to a multiple of four. */
export const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

export function isPaddedBase64(compact: string): boolean {
  return compact.length % 4 === 0 && BASE64_TEXT.test(compact);
}

/**
 * Decodes standard base64 whose alphabet the caller has checked; like WHATWG `atob`, lenient about
 * missing padding and the unused bits of the last character.
 */
export function decodeBase64(s: string): Uint8Array {
  const binary = atob(s);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
