/**
 * From raw bytes to the TOML text Bottlerocket would parse. User-data arrives in several wrappings:
 * gzip (Bottlerocket detects the magic bytes 1f 8b and decompresses: bottlerocket-core-kit
 * sources/early-boot-config/early-boot-config-provider/src/compression.rs), base64 (how the EC2 API
 * and launch templates carry it), or launch-template JSON. Things that are not TOML user-data at all
 * (shell scripts, cloud-init, MIME multipart) are explained instead of failing with a TOML error.
 */
import { gunzipSync } from 'node:zlib';
import type { Finding } from '../diagnostics.js';

/** Inputs above this size are refused before parsing (EC2 itself caps user-data at 16 KB). */
export const MAX_INPUT_BYTES = 1024 * 1024;

export type Wrapping = 'base64' | 'gzip' | 'launch-template';

export interface SourceDocument {
  /** Display name: the file, plus where in it the user-data was found. */
  name: string;
  /** The TOML text, or undefined when the input cannot be checked (see `findings`). */
  text?: string;
  /** The wrappings removed to get at the text, outermost first. */
  wrappings: Wrapping[];
  /** Findings about the input itself (encoding, wrapping). They carry no path. */
  findings: Finding[];
}

const FIRST: Finding['span'] = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function inputFinding(ruleId: string, message: string, severity?: Finding['severity']): Finding {
  return { ruleId, message, path: [], span: FIRST, ...(severity ? { severity } : {}) };
}

/** Strict UTF-8: the first invalid byte is reported with its line and column. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; offset: number } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, offset: firstInvalidUtf8(bytes) };
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    }
    const cp = len === 3 ? ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) : len === 4 ? ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) : 0;
    if (len === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) return i;
    if (len === 4 && (cp < 0x10000 || cp > 0x10ffff)) return i;
    i += len;
  }
  return b.length;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;

function looksLikeBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length % 4 !== 0 || !BASE64_TEXT.test(compact)) return undefined;
  // base64 wrapped over several lines has no other whitespace than line breaks
  if (/[ \t]/.test(text.trim())) return undefined;
  return compact;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Turns one input's bytes into the user-data documents it holds (a launch-template listing can hold
 * several). `wrappings` records what was removed.
 */
export function unwrapUserData(name: string, bytes: Uint8Array, wrappings: Wrapping[] = []): SourceDocument[] {
  const doc = (extra: Partial<SourceDocument>): SourceDocument => ({ name, wrappings, findings: [], ...extra });
  if (bytes.length > MAX_INPUT_BYTES) {
    return [doc({ findings: [inputFinding('input/too-large', `input is over ${MAX_INPUT_BYTES} bytes; brud refuses it unread (EC2 accepts at most 16384 bytes of user-data)`)] })];
  }
  if (isGzip(bytes)) return unwrapGzip(name, bytes, wrappings);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const at = positionOfByte(bytes, decoded.offset);
    const byte = bytes[decoded.offset]?.toString(16).padStart(2, '0') ?? 'end of input';
    const span = { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1 };
    const what = wrappings.length > 0 ? `the ${wrappings[wrappings.length - 1]}-decoded user-data` : 'the input';
    return [doc({ findings: [{ ruleId: 'input/encoding', message: `${what} is not valid UTF-8 (byte 0x${byte}); Bottlerocket rejects user-data that is not UTF-8 text`, path: [], span }] })];
  }
  let text = decoded.text;
  const findings: Finding[] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    findings.push(inputFinding('input/bom', 'the input starts with a byte-order mark; Bottlerocket\'s TOML parser skips it, but other tools that read user-data may not: save the file as UTF-8 without BOM'));
  }
  const notToml = explainNotToml(text);
  if (notToml) return [doc({ findings: [...findings, notToml] })];

  const head = text.trimStart();
  if (head.startsWith('{') && wrappings.length === 0) {
    const fromJson = unwrapLaunchTemplate(name, head);
    if (fromJson) return fromJson;
  }
  const b64 = looksLikeBase64(text);
  if (b64 !== undefined) {
    if (wrappings.includes('base64') || wrappings.includes('gzip')) {
      return [doc({ findings: [...findings, inputFinding('input/not-toml', `the ${wrappings.join(' and ')}-decoded user-data is base64 text again; Bottlerocket decodes neither, so it would fail to parse it as TOML. Encode the TOML only once`)] })];
    }
    const inner = Buffer.from(b64, 'base64');
    return unwrapUserData(name, inner, [...wrappings, 'base64']).map((d) => ({
      ...d,
      findings: [...findings, inputFinding('input/decoded', `decoded base64 user-data (${b64.length} characters → ${inner.length} bytes), as EC2 launch templates carry it; the node receives the decoded bytes`, 'info'), ...d.findings],
    }));
  }
  return [doc({ text, findings })];
}

function unwrapGzip(name: string, bytes: Uint8Array, wrappings: Wrapping[]): SourceDocument[] {
  const doc = (findings: Finding[]): SourceDocument[] => [{ name, wrappings, findings }];
  if (wrappings.includes('gzip')) {
    return doc([inputFinding('input/not-toml', 'the gzip-decompressed user-data is gzip again; Bottlerocket decompresses only once, so it would fail to parse it')]);
  }
  let inner: Buffer;
  try {
    inner = gunzipSync(bytes, { maxOutputLength: MAX_INPUT_BYTES });
  } catch (e) {
    const tooBig = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    return doc([
      tooBig
        ? inputFinding('input/too-large', `gzip user-data expands beyond ${MAX_INPUT_BYTES} bytes; brud refuses it`)
        : inputFinding('input/bad-gzip', `the input starts with the gzip magic bytes but does not decompress (${(e as Error).message}); Bottlerocket would fail to read it`),
    ]);
  }
  return unwrapUserData(name, inner, [...wrappings, 'gzip']).map((d) => ({
    ...d,
    findings: [inputFinding('input/decoded', `decompressed gzip user-data (${bytes.length} → ${inner.length} bytes); Bottlerocket detects gzip by its magic bytes and decompresses it`, 'info'), ...d.findings],
  }));
}

/** Inputs that are clearly some other kind of user-data get one clear error instead of a TOML syntax error. */
function explainNotToml(text: string): Finding | undefined {
  const head = text.replace(/^\s+/, '');
  if (text.startsWith('#!')) {
    return inputFinding('input/not-toml', 'this is a shell script (it starts with "#!"); Bottlerocket does not run user-data scripts: it expects TOML with a [settings] table, and would fail to boot with a TOML parse error. Run commands with settings.bootstrap-commands or a bootstrap container instead');
  }
  if (/^#cloud-(config|boothook)\b|^#include\b/.test(head)) {
    return inputFinding('input/not-toml', 'this is cloud-init user-data ("#cloud-config"); Bottlerocket does not use cloud-init: it expects TOML with a [settings] table, and would fail to boot with a TOML parse error');
  }
  if (/^(MIME-Version|Content-Type)\s*:/i.test(head)) {
    const multipart = /multipart\//i.test(head.slice(0, 2000));
    return inputFinding('input/not-toml', `this is ${multipart ? 'MIME multipart' : 'MIME'} user-data; Bottlerocket does not unpack MIME: it expects plain TOML with a [settings] table, and would fail to boot with a TOML parse error (as in karpenter-provider-aws#3536). Pass the TOML part alone`);
  }
  return undefined;
}

interface UserDataSlot {
  where: string;
  data: unknown;
}

/** The places launch-template JSON keeps user-data, as the AWS CLI prints or takes it. */
function findUserData(json: unknown): UserDataSlot[] | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  const userData = (v: unknown): unknown => (typeof v === 'object' && v !== null && 'Value' in v ? (v as { Value: unknown }).Value : v);
  if (Array.isArray(o.LaunchTemplateVersions)) {
    return o.LaunchTemplateVersions.map((v: unknown, i: number) => {
      const version = (v as { VersionNumber?: number })?.VersionNumber;
      const data = (v as { LaunchTemplateData?: { UserData?: unknown } })?.LaunchTemplateData?.UserData;
      return { where: `LaunchTemplateVersions[${i}]${version !== undefined ? `, version ${version}` : ''}`, data };
    });
  }
  if (typeof o.LaunchTemplateData === 'object' && o.LaunchTemplateData !== null) {
    return [{ where: 'LaunchTemplateData.UserData', data: (o.LaunchTemplateData as { UserData?: unknown }).UserData }];
  }
  if ('UserData' in o) return [{ where: 'UserData', data: userData(o.UserData) }];
  return undefined;
}

function unwrapLaunchTemplate(name: string, text: string): SourceDocument[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined; // not JSON: let the TOML parser explain
  }
  const slots = findUserData(json);
  if (!slots || slots.length === 0) {
    return [{ name, wrappings: [], findings: [inputFinding('input/not-toml', 'this is JSON without launch-template user-data (expected "UserData", "LaunchTemplateData.UserData" or "LaunchTemplateVersions[].LaunchTemplateData.UserData"); Bottlerocket user-data is TOML')] }];
  }
  return slots.flatMap((slot): SourceDocument[] => {
    const docName = `${name} (${slot.where})`;
    if (slot.data === undefined) {
      return [{ name: docName, wrappings: ['launch-template'], findings: [inputFinding('input/no-user-data', 'this launch-template version has no UserData; nothing to check', 'info')] }];
    }
    if (typeof slot.data !== 'string') {
      return [{ name: docName, wrappings: ['launch-template'], findings: [inputFinding('input/not-toml', 'UserData is not a string; launch templates carry user-data as base64 text')] }];
    }
    const compact = slot.data.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
      return [{ name: docName, wrappings: ['launch-template'], findings: [inputFinding('input/not-toml', 'UserData is not valid base64; EC2 requires launch-template user-data to be base64-encoded')] }];
    }
    return unwrapUserData(docName, Buffer.from(compact, 'base64'), ['launch-template', 'base64']);
  });
}
