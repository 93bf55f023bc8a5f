/** What secret, if any, base64 text decodes to (a private key, AWS or GitHub credentials). */
import { decodeBase64, isCanonicalBase64 } from './base64.js';

const SECRETS: Array<[RegExp, string]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, 'a private key'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key ID'],
  [/aws_secret_access_key\s*=|"SecretAccessKey"\s*:/i, 'an AWS secret access key'],
  [/\b(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/, 'a GitHub token'],
];

/** What secret base64 text (a container's `user-data`) decodes to, in words; undefined when none. */
export function secretIn(userData: string): string | undefined {
  if (!isCanonicalBase64(userData)) return undefined;
  const decoded = new TextDecoder('latin1').decode(decodeBase64(userData));
  return SECRETS.find(([re]) => re.test(decoded))?.[1];
}
