/**
 * From raw bytes to the TOML text Bottlerocket would parse. User-data arrives in several wrappings:
 * gzip (Bottlerocket detects the magic bytes 1f 8b and decompresses: bottlerocket-core-kit
 * sources/early-boot-config/early-boot-config-provider/src/compression.rs), base64 (how the EC2 API
 * and launch templates carry it), or launch-template JSON. Things that are not TOML user-data at all
 * (shell scripts, cloud-init, MIME multipart) are explained instead of failing with a TOML error.
 */
import type { Finding } from '../model/diagnostic.js';
import { MAX_INPUT_BYTES, EC2_USER_DATA_LIMIT } from '../model/limits.js';
import { verdict } from '../rules/verdicts.js';
import { decodeBase64 } from '../util/base64.js';
import { gunzip, GunzipError } from '../util/platform.js';
import { decodeUtf8Strict, firstInvalidUtf8 } from '../util/utf8.js';
import { findUserData, slotContent } from './launch-template.js';
import { base64Body, explainNotToml, isGzip } from './sniff.js';
import { hostDocuments, hostSyntax, type HostPart } from './hosts/index.js';
import { toPlace } from './hosts/place.js';

export type Wrapping = 'base64' | 'gzip' | 'launch-template';

export interface SourceDocument {
  /** Display name: the file, plus where in it the user-data was found. */
  name: string;
  /** For launch-template JSON: where in it, and the version number when it lists versions. */
  slot?: { where: string; version?: number };
  /** The TOML text, or undefined when the input cannot be checked (see `findings`). */
  text?: string;
  /** The wrappings removed to get at the text, outermost first. */
  wrappings: Wrapping[];
  /** Findings about the input itself (encoding, wrapping). They carry no path. */
  findings: Finding[];
  /**
   * The bytes EC2 would store for this user-data (after base64 and launch-template JSON are removed:
   * the TOML, or its gzip), against which its 16 KB limit counts.
   */
  stored?: { bytes: number; gzip: boolean };
  /** User-data found in a host file (a Kubernetes manifest, eksctl config, CloudFormation, Terraform plan). */
  host?: HostPart;
}

/**
 * Turns one input's bytes into the user-data documents it holds (a launch-template listing can hold
 * several). `wrappings` records what was removed.
 */
export function unwrapUserData(name: string, bytes: Uint8Array, wrappings: Wrapping[] = [], inHost = false): SourceDocument[] {
  const stored = wrappings.includes('gzip') ? {} : { stored: { bytes: bytes.length, gzip: false } };
  const doc = (findings: Finding[], text?: string): SourceDocument[] => [
    { name, wrappings, findings, ...(text !== undefined ? { text, ...stored } : {}) },
  ];
  if (bytes.length > MAX_INPUT_BYTES) {
    return doc([verdict('input/too-large', 'tooLarge', { limit: MAX_INPUT_BYTES, ec2Limit: EC2_USER_DATA_LIMIT }, { span: 'input' })]);
  }
  if (isGzip(bytes)) return unwrapGzip(name, bytes, wrappings, inHost);
  const decoded = decodeUtf8Strict(bytes);
  if (decoded === undefined) return doc([encodingFinding(bytes, wrappings)]);
  const findings: Finding[] = [];
  const text = withoutBom(decoded, findings);
  const contained = wrappings.length === 0 ? unwrapContainer(name, text, findings, inHost) : undefined;
  if (contained) return contained;
  const notToml = explainNotToml(text);
  if (notToml) return doc([...findings, notToml]);
  const b64 = base64Body(text);
  if (b64 === undefined) return doc(findings, text);
  if (wrappings.includes('base64') || wrappings.includes('gzip')) {
    return doc([...findings, verdict('input/not-toml', 'base64Again', { wrappings: wrappings.join(' and ') }, { span: 'input' })]);
  }
  const inner = decodeBase64(b64);
  const note = verdict('input/decoded', 'base64', { characters: b64.length, bytes: inner.length }, { span: 'input' });
  return unwrapUserData(name, inner, [...wrappings, 'base64'], inHost).map((d) => ({ ...d, findings: [...findings, note, ...d.findings] }));
}

/** The documents of a file that holds user-data: a host file (a manifest, a template, a plan), or launch-template JSON. */
function unwrapContainer(name: string, text: string, notes: Finding[], inHost: boolean): SourceDocument[] | undefined {
  const syntax = inHost ? undefined : hostSyntax(text, name);
  if (syntax) return unwrapHost(name, text, syntax, notes);
  const head = text.trimStart();
  return head.startsWith('{') ? unwrapLaunchTemplate(name, head) : undefined;
}

/** The text without its byte-order mark, which is noted. */
function withoutBom(text: string, findings: Finding[]): string {
  if (text.charCodeAt(0) !== 0xfeff) return text;
  findings.push(verdict('input/bom', 'bom', {}, { span: 'input' }));
  return text.slice(1);
}

function encodingFinding(bytes: Uint8Array, wrappings: Wrapping[]): Finding {
  const offset = firstInvalidUtf8(bytes);
  const at = positionOfByte(bytes, offset);
  const byte = bytes[offset]?.toString(16).padStart(2, '0') ?? 'end of input';
  const span = { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1 };
  const what = wrappings.length > 0 ? `the ${wrappings[wrappings.length - 1]}-decoded user-data` : 'the input';
  return verdict('input/encoding', 'notUtf8', { what, byte }, { span });
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

function unwrapGzip(name: string, bytes: Uint8Array, wrappings: Wrapping[], inHost: boolean): SourceDocument[] {
  const doc = (finding: Finding): SourceDocument[] => [{ name, wrappings, findings: [finding] }];
  if (wrappings.includes('gzip')) return doc(verdict('input/not-toml', 'gzipAgain', {}, { span: 'input' }));
  let inner: Uint8Array;
  let trailing: number;
  try {
    ({ bytes: inner, trailing } = gunzip(bytes, MAX_INPUT_BYTES));
  } catch (e) {
    if (!(e instanceof GunzipError)) throw e;
    return doc(
      e.tooLarge
        ? verdict('input/too-large', 'gzipTooLarge', { limit: MAX_INPUT_BYTES }, { span: 'input' })
        : verdict('input/bad-gzip', 'badGzip', { reason: e.message }, { span: 'input' }),
    );
  }
  const notes = [verdict('input/decoded', 'gzip', { from: bytes.length, to: inner.length }, { span: 'input' })];
  if (trailing > 0) notes.push(verdict('input/gzip-trailing', 'ignored', { bytes: trailing }, { span: 'input' }));
  const stored = { bytes: bytes.length, gzip: true };
  return unwrapUserData(name, inner, [...wrappings, 'gzip'], inHost).map((d) => ({
    ...d,
    findings: [...notes, ...d.findings],
    ...(d.text !== undefined ? { stored } : {}),
  }));
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
    return [{ name, wrappings: [], findings: [verdict('input/not-toml', 'jsonWithoutUserData', {}, { span: 'input' })] }];
  }
  return slots.flatMap((slot): SourceDocument[] => {
    const docName = `${name} (${slot.where})`;
    const where = { where: slot.where, ...(slot.version !== undefined ? { version: slot.version } : {}) };
    const content = slotContent(slot);
    if (!content.ok) return [{ name: docName, slot: where, wrappings: ['launch-template'], findings: [content.finding] }];
    return unwrapUserData(docName, content.bytes, ['launch-template', 'base64']).map((d) => ({ ...d, slot: where }));
  });
}

/** The user-data documents of a host file, each unwrapped as user-data (it may be base64 or gzip inside). */
function unwrapHost(name: string, text: string, syntax: 'yaml' | 'json', notes: Finding[]): SourceDocument[] {
  return hostDocuments(name, text, syntax).flatMap((d): SourceDocument[] => {
    if (d.text === undefined) return [{ name: d.name, wrappings: [], findings: [...notes, ...d.findings], host: d.host }];
    return unwrapUserData(d.name, new TextEncoder().encode(d.text), [], true).map((u) => ({
      ...u,
      findings: [...notes, ...d.findings, ...u.findings.map((f) => (typeof f.span === 'object' ? { ...f, span: d.host.map(f.span) } : f))],
      // decoded user-data has no lines in the file: its findings point at where it is written
      host: u.wrappings.length > 0 ? { ...d.host, map: toPlace(d.host.anchor) } : d.host,
    }));
  });
}
