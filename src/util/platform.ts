/**
 * The few Node built-ins the library needs (gzip, sha-256, X.509, IP and IDNA parsing), loaded on first
 * use through `process.getBuiltinModule` (Node 20.16+): start-up loads none of them, and a browser
 * build replaces this one module (see playground/).
 */
import type * as NodeCrypto from 'node:crypto';
import type * as NodeUrl from 'node:url';
import type * as NodeZlib from 'node:zlib';
import { GunzipError, gzipBodyStart } from './gzip.js';

export { GunzipError };

function zlib(): typeof NodeZlib {
  return process.getBuiltinModule('node:zlib');
}

function crypto(): typeof NodeCrypto {
  return process.getBuiltinModule('node:crypto');
}

function url(): typeof NodeUrl {
  return process.getBuiltinModule('node:url');
}

/**
 * Decompresses the first gzip member, as Bottlerocket's flate2 `GzDecoder` does (it reads one member
 * and then reports the end, so a second member or trailing bytes are ignored): the decompressed bytes,
 * and how many bytes follow the member. Refuses output beyond `maxOutput` bytes.
 */
export function gunzip(bytes: Uint8Array, maxOutput: number): { bytes: Uint8Array; trailing: number } {
  const start = gzipBodyStart(bytes);
  if (start < 0) throw new GunzipError('incorrect header check', false);
  let out: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    out = zlib().inflateRawSync(bytes.subarray(start), { info: true, maxOutputLength: maxOutput }) as unknown as typeof out;
  } catch (e) {
    throw new GunzipError((e as Error).message, (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE');
  }
  const end = start + out.engine.bytesWritten;
  if (end + 8 > bytes.length) throw new GunzipError('unexpected end of file', false);
  const view = new DataView(bytes.buffer, bytes.byteOffset + end, 8);
  if (view.getUint32(0, true) !== zlib().crc32(out.buffer)) throw new GunzipError('the checksum does not match', false);
  if (view.getUint32(4, true) !== out.buffer.length % 2 ** 32) throw new GunzipError('the length does not match', false);
  return { bytes: out.buffer, trailing: bytes.length - end - 8 };
}

/** gzip at level 9 (the caller fixes the header fields that vary). */
export function gzip(bytes: Uint8Array): Uint8Array {
  return zlib().gzipSync(bytes, { level: 9 });
}

export function sha256Hex(text: string): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}

/** Whether DER bytes parse as an X.509 certificate. */
export function parsesAsX509(der: Uint8Array): boolean {
  try {
    new (crypto().X509Certificate)(der);
    return true;
  } catch {
    return false;
  }
}

// The expressions node:net's isIPv4 and isIPv6 test (nodejs/node lib/internal/net.js): loading node:net
// for them loaded the streams with it, a few milliseconds of every check's start-up. test/platform.test.ts
// holds these to node:net on generated addresses.
const V4_SEG = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const V4_STR = `(?:${V4_SEG}\\.){3}${V4_SEG}`;
const V6_SEG = '(?:[0-9a-fA-F]{1,4})';
const IPV4 = new RegExp(`^${V4_STR}$`);
const IPV6 = new RegExp(
  '^(?:' +
    `(?:${V6_SEG}:){7}(?:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){6}(?:${V4_STR}|:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){5}(?::${V4_STR}|(?::${V6_SEG}){1,2}|:)|` +
    `(?:${V6_SEG}:){4}(?:(?::${V6_SEG}){0,1}:${V4_STR}|(?::${V6_SEG}){1,3}|:)|` +
    `(?:${V6_SEG}:){3}(?:(?::${V6_SEG}){0,2}:${V4_STR}|(?::${V6_SEG}){1,4}|:)|` +
    `(?:${V6_SEG}:){2}(?:(?::${V6_SEG}){0,3}:${V4_STR}|(?::${V6_SEG}){1,5}|:)|` +
    `(?:${V6_SEG}:){1}(?:(?::${V6_SEG}){0,4}:${V4_STR}|(?::${V6_SEG}){1,6}|:)|` +
    `(?::(?:(?::${V6_SEG}){0,5}:${V4_STR}|(?::${V6_SEG}){1,7}|:))` +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$',
);

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

export function isIPv6(s: string): boolean {
  return IPV6.test(s);
}

/** IDNA to-ASCII of a domain ('' when it cannot be converted). */
export function domainToASCII(s: string): string {
  return url().domainToASCII(s);
}
