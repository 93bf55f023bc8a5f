/**
 * Bootstrap and host container `user-data` is stored in the settings API in the clear, readable with
 * `apiclient get` and through the instance's EC2 user-data (bottlerocket-core-kit
 * sources/api/bootstrap-containers writes it decoded to /local/bootstrap-containers/<name>/user-data).
 */
import { entriesOf } from '../../model/settings.js';
import { decodeBase64, isCanonicalBase64 } from '../../util/base64.js';
import { defineLintRule } from '../types.js';

const SECRETS: Array<[RegExp, string]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, 'a private key'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key ID'],
  [/aws_secret_access_key\s*=|"SecretAccessKey"\s*:/i, 'an AWS secret access key'],
  [/\b(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/, 'a GitHub token'],
];

/** What secret a container's base64 `user-data` holds, if any. */
export function secretIn(userData: string): string | undefined {
  if (!isCanonicalBase64(userData)) return undefined;
  const decoded = new TextDecoder('latin1').decode(decodeBase64(userData));
  return SECRETS.find(([re]) => re.test(decoded))?.[1];
}

export const containerUserDataSecret = defineLintRule({
  meta: {
    id: 'containers/user-data-secret',
    severity: 'warning',
    description: 'Container `user-data` that decodes to a private key or credentials.',
    rationale: 'User-data is stored unencrypted in the settings API and in EC2 instance user-data, readable by anyone who can read either.',
    configurable: true,
    messages: {
      secret:
        'the user-data of {{kind}} container "{{name}}" decodes to {{secret}}; user-data is stored unencrypted in the settings API and EC2 instance user-data: fetch secrets at run time instead (e.g. from AWS Secrets Manager)',
    },
  },
  check({ settings, report }) {
    for (const ns of ['bootstrap-containers', 'host-containers'] as const) {
      for (const [name, entry] of entriesOf(settings, ns)) {
        const data = entry['user-data'];
        const secret = typeof data === 'string' ? secretIn(data) : undefined;
        if (!secret) continue;
        const kind = ns === 'bootstrap-containers' ? 'bootstrap' : 'host';
        report({ messageId: 'secret', data: { kind, name, secret }, path: ['settings', ns, name, 'user-data'], at: 'value' });
      }
    }
  },
});
