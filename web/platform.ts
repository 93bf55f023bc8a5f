/**
 * The browser's version of src/util/platform.ts: the playground's bundle (scripts/playground.mjs) puts
 * this module in its place, so the library runs unchanged in a page. Same exports, same results; no
 * Node built-ins, no network, all synchronous (the library's API is synchronous):
 *
 * - gzip and gunzip: pako, a port of zlib whose level-9 output is byte-identical to Node's
 *   (test/platform-web.test.ts compares them);
 * - sha-256: a plain implementation of FIPS 180-4 (WebCrypto's digest is asynchronous);
 * - X.509: a DER walk of the Certificate structure of RFC 5280 (browsers expose no certificate parser);
 * - IP addresses and IDNA: the page's own WHATWG URL parser, which Node's `net` and `url` follow too.
 */
import {
  ZStream,
  Z_BUF_ERROR,
  Z_NO_FLUSH,
  Z_OK,
  Z_STREAM_END,
  gzip as pakoGzip,
  zlibInflate,
  zlibInflateEnd,
  zlibInflateInit2,
} from 'pako';
import { GunzipError, gzipBodyStart } from '../src/util/gzip.js';

export { GunzipError };

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Raw inflate of one deflate stream: the output and how many input bytes the stream took. */
function inflateRaw(input: Uint8Array, maxOutput: number): { bytes: Uint8Array; consumed: number } {
  const strm = new ZStream();
  zlibInflateInit2(strm, -15);
  strm.input = input;
  strm.next_in = 0;
  strm.avail_in = input.length;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const size = Math.max(1, Math.min(65536, maxOutput - total + 1));
    strm.output = new Uint8Array(size);
    strm.next_out = 0;
    strm.avail_out = size;
    const status = zlibInflate(strm, Z_NO_FLUSH);
    const produced = size - strm.avail_out;
    total += produced;
    if (produced > 0) chunks.push(strm.output.subarray(0, produced));
    if (total > maxOutput) throw new GunzipError('Cannot create a Buffer larger than the output limit', true);
    if (status === Z_STREAM_END) break;
    if (status !== Z_OK && status !== Z_BUF_ERROR) throw new GunzipError(strm.msg || 'invalid deflate data', false);
    if (strm.avail_in === 0 && strm.avail_out > 0) throw new GunzipError('unexpected end of file', false);
  }
  const consumed = strm.next_in;
  zlibInflateEnd(strm);
  return { bytes: concat(chunks, total), consumed };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Decompresses the first gzip member as src/util/platform.ts does (one member; trailing bytes counted). */
export function gunzip(bytes: Uint8Array, maxOutput: number): { bytes: Uint8Array; trailing: number } {
  const start = gzipBodyStart(bytes);
  if (start < 0) throw new GunzipError('incorrect header check', false);
  const out = inflateRaw(bytes.subarray(start), maxOutput);
  const end = start + out.consumed;
  if (end + 8 > bytes.length) throw new GunzipError('unexpected end of file', false);
  const view = new DataView(bytes.buffer, bytes.byteOffset + end, 8);
  if (view.getUint32(0, true) !== crc32(out.bytes)) throw new GunzipError('the checksum does not match', false);
  if (view.getUint32(4, true) !== out.bytes.length % 2 ** 32) throw new GunzipError('the length does not match', false);
  return { bytes: out.bytes, trailing: bytes.length - end - 8 };
}

/** gzip at level 9 (the caller fixes the header fields that vary). */
export function gzip(bytes: Uint8Array): Uint8Array {
  return pakoGzip(bytes, { level: 9 });
}

// FIPS 180-4 SHA-256: the first 32 bits of the fractional parts of the cube roots of the first 64 primes
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

function compress(h: Uint32Array, block: DataView, w: Uint32Array): void {
  for (let i = 0; i < 16; i++) w[i] = block.getUint32(i * 4);
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
    const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let [a, b, c, d, e, f, g, hh] = h as unknown as number[] as [number, number, number, number, number, number, number, number];
  for (let i = 0; i < 64; i++) {
    const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  const next = [a, b, c, d, e, f, g, hh];
  for (let i = 0; i < 8; i++) h[i] = (h[i]! + next[i]!) | 0;
}

export function sha256Hex(text: string): string {
  const data = new TextEncoder().encode(text);
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor((data.length * 8) / 2 ** 32));
  view.setUint32(padded.length - 4, (data.length * 8) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let at = 0; at < padded.length; at += 64) compress(h, new DataView(padded.buffer, at, 64), w);
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}

/** One DER element: its tag, where its content starts and ends. */
interface Der {
  tag: number;
  start: number;
  end: number;
}

/** Reads the DER element at `at` (definite lengths only, as DER requires); undefined when malformed. */
function readDer(b: Uint8Array, at: number, limit: number): Der | undefined {
  if (at + 2 > limit) return undefined;
  const tag = b[at]!;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers do not occur in a certificate's frame
  let len = b[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[start + i]!;
    start += n;
  }
  const end = start + len;
  return end <= limit ? { tag, start, end } : undefined;
}

/** The children of a constructed element, in order; undefined when they do not tile it exactly. */
function children(b: Uint8Array, el: Der): Der[] | undefined {
  const out: Der[] = [];
  for (let at = el.start; at < el.end;) {
    const child = readDer(b, at, el.end);
    if (!child) return undefined;
    out.push(child);
    at = child.end;
  }
  return out;
}

const SEQUENCE = 0x30;
const TIMES = new Set([0x17, 0x18]); // UTCTime, GeneralizedTime

/** tbsCertificate: [0] version?, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, extras. */
function isTbsCertificate(b: Uint8Array, tbs: Der): boolean {
  const f = children(b, tbs);
  if (!f) return false;
  const fields = f[0]?.tag === 0xa0 ? f.slice(1) : f;
  if (fields.length < 6) return false;
  const [serial, signature, issuer, validity, subject, spki] = fields as [Der, Der, Der, Der, Der, Der];
  if (serial.tag !== 0x02 || serial.end === serial.start) return false;
  if (![signature, issuer, validity, subject, spki].every((x) => x.tag === SEQUENCE)) return false;
  const times = children(b, validity);
  if (!times || times.length !== 2 || !times.every((t) => TIMES.has(t.tag))) return false;
  const key = children(b, spki);
  return key !== undefined && key.length === 2 && key[0]!.tag === SEQUENCE && key[1]!.tag === 0x03;
}

/** Whether DER bytes hold an X.509 certificate's structure (RFC 5280 section 4.1). */
export function parsesAsX509(der: Uint8Array): boolean {
  const cert = readDer(der, 0, der.length);
  if (!cert || cert.tag !== SEQUENCE) return false;
  const parts = children(der, cert);
  if (!parts || parts.length !== 3) return false;
  const [tbs, algorithm, signature] = parts as [Der, Der, Der];
  return tbs.tag === SEQUENCE && algorithm.tag === SEQUENCE && signature.tag === 0x03 && isTbsCertificate(der, tbs);
}

const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;

export function isIPv4(s: string): boolean {
  return DOTTED_QUAD.test(s);
}

/** IPv6 as the WHATWG URL parser reads a bracketed host (the parser Node's `net.isIPv6` agrees with). */
export function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  try {
    return new URL(`http://[${s}]/`).hostname.startsWith('[');
  } catch {
    return false;
  }
}

/** IDNA to-ASCII of a domain ('' when it cannot be converted), through the page's URL parser. */
export function domainToASCII(s: string): string {
  try {
    return new URL(`http://${s}/`).hostname;
  } catch {
    return '';
  }
}
