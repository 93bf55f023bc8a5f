/**
 * The few Node built-ins the library needs (gzip, sha-256, X.509, IP and IDNA parsing), loaded on first
 * use through `process.getBuiltinModule` (Node 20.16+): start-up loads none of them, and a browser
 * build replaces this one module (see playground/).
 */
import type * as NodeCrypto from 'node:crypto';
import type * as NodeNet from 'node:net';
import type * as NodeUrl from 'node:url';
import type * as NodeZlib from 'node:zlib';

function zlib(): typeof NodeZlib {
  return process.getBuiltinModule('node:zlib');
}

function crypto(): typeof NodeCrypto {
  return process.getBuiltinModule('node:crypto');
}

function net(): typeof NodeNet {
  return process.getBuiltinModule('node:net');
}

function url(): typeof NodeUrl {
  return process.getBuiltinModule('node:url');
}

/** A gzip that could not be decompressed: `tooLarge` when the output passed the limit. */
export class GunzipError extends Error {
  constructor(
    message: string,
    readonly tooLarge: boolean,
  ) {
    super(message);
  }
}

/** Decompresses gzip, refusing output beyond `maxOutput` bytes. */
export function gunzip(bytes: Uint8Array, maxOutput: number): Uint8Array {
  try {
    return zlib().gunzipSync(bytes, { maxOutputLength: maxOutput });
  } catch (e) {
    throw new GunzipError((e as Error).message, (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE');
  }
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

export function isIPv4(s: string): boolean {
  return net().isIPv4(s);
}

export function isIPv6(s: string): boolean {
  return net().isIPv6(s);
}

/** IDNA to-ASCII of a domain ('' when it cannot be converted). */
export function domainToASCII(s: string): string {
  return url().domainToASCII(s);
}
