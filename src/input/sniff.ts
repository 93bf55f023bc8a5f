/**
 * What kind of input this is, before any TOML parsing: user-data of another kind (shell scripts,
 * cloud-init, MIME multipart: Bottlerocket runs none of them) is explained instead of failing with a
 * TOML error, and base64 text is recognized.
 */
import type { Finding } from '../model/diagnostic.js';
import { verdict } from '../rules/verdicts.js';
import { isPaddedBase64 } from '../util/base64.js';

/** One clear error for input that is clearly some other kind of user-data. */
export function explainNotToml(text: string): Finding | undefined {
  const head = text.replace(/^\s+/, '');
  if (text.startsWith('#!')) return verdict('input/not-toml', 'shellScript', {}, { span: 'input' });
  if (/^#cloud-(config|boothook)\b|^#include\b/.test(head)) return verdict('input/not-toml', 'cloudInit', {}, { span: 'input' });
  if (/^(MIME-Version|Content-Type)\s*:/i.test(head)) {
    const kind = /multipart\//i.test(head.slice(0, 2000)) ? 'MIME multipart' : 'MIME';
    return verdict('input/not-toml', 'mime', { kind }, { span: 'input' });
  }
  return undefined;
}

/** The base64 text of an input that is wholly base64 (as EC2 and launch templates carry user-data), else undefined. */
export function base64Body(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 8 || !isPaddedBase64(compact)) return undefined;
  // base64 wrapped over several lines has no other whitespace than line breaks
  if (/[ \t]/.test(text.trim())) return undefined;
  return compact;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
