/**
 * The checks behind the schemas' custom `format` keywords: the parts of Bottlerocket's modeled types
 * (bottlerocket-settings-sdk bottlerocket-settings-models/modeled-types/src/shared.rs) that a regular
 * expression cannot express. The precompiled validator imports this module; keep it small and free of
 * start-up work.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { createRequire } from 'node:module';

/** Newer models reject ASCII control characters in every string type (`reject_control_chars`). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function parsesAsUrl(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

/** `Url`: parses as a URL, or as one after prefixing `http://` (so `registry/repo:tag` passes). */
export function isBottlerocketUrl(s: string): boolean {
  if (CONTROL.test(s)) return false;
  return parsesAsUrl(s) || parsesAsUrl('http://' + s);
}

const BASE64_CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;

/**
 * `ValidBase64`: Rust base64 `general_purpose::STANDARD` decoding: standard alphabet, canonical
 * padding required, no whitespace, and the unused bits of the last character must be zero.
 */
export function isBase64(s: string): boolean {
  return BASE64_CANONICAL.test(s);
}

/** `ValidBase64Json`: base64 that decodes to JSON (the empty string is rejected). */
export function isBase64Json(s: string): boolean {
  if (!isBase64(s) || s === '') return false;
  try {
    JSON.parse(Buffer.from(s, 'base64').toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

const PEM_BLOCK = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----/g;

/**
 * `PemCertificateString`: empty (or only whitespace), or base64 of PEM blocks that all parse as X.509
 * certificates, with at least one block. A block with a BEGIN marker but no matching END fails.
 */
export function isPemBundle(s: string): boolean {
  if (s.trim() === '') return true;
  if (!isBase64(s)) return false;
  const text = Buffer.from(s, 'base64').toString('latin1');
  const begins = text.split('-----BEGIN ').length - 1;
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0 || blocks.length !== begins) return false;
  const { X509Certificate } = loadCrypto();
  for (const block of blocks) {
    try {
      const der = Buffer.from(block[2].replace(/\s+/g, ''), 'base64');
      new X509Certificate(der);
    } catch {
      return false;
    }
  }
  return true;
}

let crypto: typeof import('node:crypto') | undefined;
function loadCrypto(): typeof import('node:crypto') {
  // loaded only when a certificate is checked, to keep start-up light
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto;
}

/** `IpAddr` as Rust parses it: dotted-quad IPv4 without leading zeros, or IPv6 without zone or brackets. */
export function isIpAddress(s: string): boolean {
  if (isIPv4(s)) return true;
  return !s.includes('%') && isIPv6(s);
}

// Characters a URL host cannot contain (WHATWG "forbidden host code points", as Rust `url::Host` uses).
const FORBIDDEN_HOST = /[\u0000-\u0020#%/:<>?@[\\\]^|\u007f]/;

/** `DNSDomain`: a domain as `url::Host::parse` reads it; not an IP address, not starting with `.`. */
export function isDnsDomain(s: string): boolean {
  if (s === '' || s.startsWith('.') || FORBIDDEN_HOST.test(s)) return false;
  const ascii = domainToASCII(s);
  if (ascii === '') return false;
  // a host that ends in a number is parsed as IPv4 (and rejected here, either as an IP or as invalid)
  const last = ascii.replace(/\.$/, '').split('.').pop() ?? '';
  if (/^(0x[0-9a-f]*|\d+)$/i.test(last)) return false;
  return true;
}

// semver 2.0.0 (semver.org), as the Rust `semver` crate parses versions
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** `FriendlyVersion`: `latest`, or semver with an optional leading `v`. */
export function isFriendlyVersion(s: string): boolean {
  if (s === 'latest') return true;
  return SEMVER.test(s.startsWith('v') ? s.slice(1) : s);
}

/** The table the precompiled validator receives as its `formats` (see scripts/build-schemas.ts). */
export const formats: Record<string, (s: string) => boolean> = {
  'bottlerocket-url': isBottlerocketUrl,
  base64: isBase64,
  'base64-json': isBase64Json,
  'pem-bundle': isPemBundle,
  'ip-address': isIpAddress,
  'dns-domain': isDnsDomain,
  'friendly-version': isFriendlyVersion,
};
