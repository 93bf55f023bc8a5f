/**
 * The checks behind the schemas' custom `format` keywords: the parts of Bottlerocket's modeled types
 * (bottlerocket-settings-sdk bottlerocket-settings-models/modeled-types/src/shared.rs) that a regular
 * expression cannot express. The precompiled validator imports this module; keep it small and free of
 * start-up work.
 */
import { decodeBase64, isCanonicalBase64 } from '../util/base64.js';
import { domainToASCII, isIPv4, isIPv6, parsesAsX509 } from '../util/platform.js';
import { decodeUtf8Strict } from '../util/utf8.js';

/** `Url`: parses as a URL, or as one after prefixing `http://` (so `registry/repo:tag` passes). */
export function isBottlerocketUrl(s: string): boolean {
  return URL.canParse(s) || URL.canParse('http://' + s);
}

/**
 * `ValidBase64`: Rust base64 `general_purpose::STANDARD` decoding: standard alphabet, canonical
 * padding required, no whitespace, and the unused bits of the last character must be zero.
 */
export const isBase64 = isCanonicalBase64;

/** `ValidBase64Json`: base64 that decodes to JSON (the empty string is rejected; so is invalid UTF-8). */
export function isBase64Json(s: string): boolean {
  if (!isBase64(s) || s === '') return false;
  const text = decodeUtf8Strict(decodeBase64(s));
  if (text === undefined) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Rust `str::trim` / `trim_end` whitespace (Unicode White_Space), which differs slightly from JS `trim`
const RUST_WS = '\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const ONLY_WS = new RegExp(`^[${RUST_WS}]*$`);
const TRAILING_WS = new RegExp(`[${RUST_WS}]+$`);
const LEADING_WS = new RegExp(`^[${RUST_WS}]+`);

/**
 * `PemCertificateString`: empty (or only whitespace), or base64 of UTF-8 text whose PEM blocks all parse
 * as X.509 certificates, with at least one block. Blocks are found as x509-parser's
 * `Pem::iter_from_buffer` finds them: line by line, a block starts at a line beginning `-----BEGIN `
 * followed by a label, its body is the next lines (each trimmed at the end, then joined) up to a line
 * beginning `-----END ` (whatever its label); lines outside blocks are ignored; a block without an END
 * line fails.
 */
export function isPemBundle(s: string): boolean {
  if (ONLY_WS.test(s)) return true;
  if (!isBase64(s)) return false;
  const text = decodeUtf8Strict(decodeBase64(s));
  if (text === undefined) return false;
  const lines = text.split('\n');
  let certificates = 0;
  for (let i = 0; i < lines.length; i++) {
    const begin = lines[i]!;
    if (!begin.startsWith('-----BEGIN ')) continue;
    if (begin.split(/\s+/).filter((w) => w !== '').length < 2) return false; // no label
    let body = '';
    let ended = false;
    for (i++; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith('-----END ')) {
        ended = true;
        break;
      }
      body += line.replace(TRAILING_WS, '');
    }
    if (!ended || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return false;
    if (body.length % 4 === 1 || !parsesAsX509(decodeBase64(body))) return false;
    certificates++;
  }
  return certificates > 0;
}

/** `IpAddr` as Rust parses it: dotted-quad IPv4 without leading zeros, or IPv6 without zone or brackets. */
export function isIpAddress(s: string): boolean {
  if (isIPv4(s)) return true;
  return !s.includes('%') && isIPv6(s);
}

// Characters a URL host cannot contain (WHATWG "forbidden host code points", as Rust `url::Host` uses).
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
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

const U64_MAX = 18446744073709551615n;

/** `FriendlyVersion`: `latest`, or semver with an optional leading `v`; major, minor and patch must fit a u64. */
export function isFriendlyVersion(s: string): boolean {
  if (s === 'latest') return true;
  const m = SEMVER.exec(s.startsWith('v') ? s.slice(1) : s);
  return m !== null && [m[1], m[2], m[3]].every((n) => BigInt(n!) <= U64_MAX);
}

const I64_MAX = 9223372036854775807n;
const SIZE = /^(\d+)(?:\.(\d{1,28}))?(?:(b|bits?)|([kmgtpe])(i)?(b|bits?)?)?$/i;

/**
 * A byte count written as a string (container-runtime `concurrent-download-chunk-size`): the
 * settings model's `deserialize_chunk_size` takes an integer string, or a size parsed by the
 * byte_unit crate (`Byte::parse_str(s, true)`): digits with an optional fraction, then an optional
 * unit in any case: b, bit(s), or k/m/g/t/p/e with an optional i (1024-based) and an optional b or
 * bit(s). Bits count as 1/8 byte; fractions round up; the result must fit in i64.
 * Sources: bottlerocket-settings-models modeled-types shared.rs; magiclen/Byte-Unit src/byte/parse.rs.
 */
export function isByteSize(s: string): boolean {
  return byteSizeValue(s) !== undefined;
}

/** The byte count Bottlerocket stores for a size string, or undefined when it refuses the string. */
export function byteSizeValue(s: string): bigint | undefined {
  const t = s.replace(TRAILING_WS, '').replace(LEADING_WS, '');
  if (/^[+-]?\d+$/.test(t)) {
    const n = BigInt(t);
    if (n <= I64_MAX && n >= -I64_MAX - 1n) return n >= 0n ? n : undefined;
  }
  const m = SIZE.exec(t.startsWith('.') ? '0' + t : t);
  if (!m) return undefined;
  const [, whole, frac = '', , prefix, binary, suffix] = m;
  const power = prefix ? 'kmgtpe'.indexOf(prefix.toLowerCase()) + 1 : 0;
  const base = binary ? 1024n : 1000n;
  const bits = /^bits?$/i.test(m[3] ?? '') || /^bits?$/i.test(suffix ?? '');
  const numerator = BigInt(whole + frac) * base ** BigInt(power);
  const denominator = 10n ** BigInt(frac.length) * (bits ? 8n : 1n);
  const bytes = (numerator + denominator - 1n) / denominator;
  return bytes <= I64_MAX ? bytes : undefined;
}

const F32 = /^[+-]?(?:inf|infinity|nan|(?:\d+|\d+\.\d*|\d*\.\d+)(?:e[+-]?\d+)?)$/i;
const QUANTITY = /^[+-]?[0-9.]+(?:e[0-9]*|[EPTGMK]i?|[numk])?$/;

/**
 * `KubernetesThresholdValue`: `N%` where N parses as a Rust f32 and 0 <= N < 100 after rounding to
 * f32, or a Kubernetes quantity (bottlerocket-settings-models modeled-types kubernetes.rs).
 */
export function isKubernetesThreshold(s: string): boolean {
  if (s.endsWith('%')) {
    const num = s.slice(0, -1);
    if (!F32.test(num) || /inf|nan/i.test(num)) return false;
    const v = Math.fround(Number(num));
    return v >= 0 && v < 100;
  }
  return QUANTITY.test(s);
}

/**
 * The table the precompiled validator receives as its `formats` (see scripts/build-schemas.ts), in the
 * shape Ajv's generated code calls: `formats[name].validate(value)`.
 */
export const formats: Record<string, { type: 'string'; validate: (s: string) => boolean }> = {
  'bottlerocket-url': { type: 'string', validate: isBottlerocketUrl },
  base64: { type: 'string', validate: isBase64 },
  'base64-json': { type: 'string', validate: isBase64Json },
  'pem-bundle': { type: 'string', validate: isPemBundle },
  'ip-address': { type: 'string', validate: isIpAddress },
  'dns-domain': { type: 'string', validate: isDnsDomain },
  'friendly-version': { type: 'string', validate: isFriendlyVersion },
  'byte-size': { type: 'string', validate: isByteSize },
  'kubernetes-threshold': { type: 'string', validate: isKubernetesThreshold },
};
