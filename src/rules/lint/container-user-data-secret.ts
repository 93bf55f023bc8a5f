/**
 * Bootstrap and host container `user-data` is stored in the settings API in the clear, readable with
 * `apiclient get` and through the instance's EC2 user-data (bottlerocket-core-kit
 * sources/api/bootstrap-containers writes it decoded to /local/bootstrap-containers/<name>/user-data).
 */
import { entriesOf } from '../../model/settings.js';
import { secretIn } from '../../util/secret-text.js';
import { defineLintRule } from '../types.js';

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
        report({ messageId: 'secret', data: { kind, name, secret }, path: ['settings', ns, name, 'user-data'], at: 'value', secret: true });
      }
    }
  },
});
