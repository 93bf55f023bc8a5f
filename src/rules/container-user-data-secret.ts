import type { Finding } from '../diagnostics.js';
import { isBase64 } from '../validate/formats.js';
import type { LintRule } from './types.js';
import { entriesOf } from './util.js';

const SECRETS: Array<[RegExp, string]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, 'a private key'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key ID'],
  [/aws_secret_access_key\s*=|"SecretAccessKey"\s*:/i, 'an AWS secret access key'],
  [/\b(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/, 'a GitHub token'],
];

/**
 * Bootstrap and host container `user-data` is stored in the settings API in the clear, readable with
 * `apiclient get` and through the instance's EC2 user-data (bottlerocket-core-kit
 * sources/api/bootstrap-containers writes it decoded to /local/bootstrap-containers/<name>/user-data).
 */
export const containerUserDataSecret: LintRule = {
  id: 'containers/user-data-secret',
  severity: 'warning',
  description: 'Container `user-data` that decodes to a private key or credentials.',
  rationale: 'User-data is stored unencrypted in the settings API and in EC2 instance user-data, readable by anyone who can read either.',
  configurable: true,
  check({ settings }) {
    const out: Finding[] = [];
    for (const ns of ['bootstrap-containers', 'host-containers'] as const) {
      for (const [name, entry] of entriesOf(settings, ns)) {
        const data = entry['user-data'];
        if (typeof data !== 'string' || !isBase64(data)) continue;
        const decoded = Buffer.from(data, 'base64').toString('latin1');
        const hit = SECRETS.find(([re]) => re.test(decoded));
        if (!hit) continue;
        out.push({
          ruleId: this.id,
          message: `the user-data of ${ns === 'bootstrap-containers' ? 'bootstrap' : 'host'} container "${name}" decodes to ${hit[1]}; user-data is stored unencrypted in the settings API and EC2 instance user-data: fetch secrets at run time instead (e.g. from AWS Secrets Manager)`,
          path: ['settings', ns, name, 'user-data'],
          at: 'value',
        });
      }
    }
    return out;
  },
};
