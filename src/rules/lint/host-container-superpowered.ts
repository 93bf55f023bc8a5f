/**
 * A superpowered host container runs privileged with full root access to the host; Bottlerocket
 * ships only the `admin` container that way (bottlerocket-os/bottlerocket
 * sources/shared-defaults/aws-host-containers.toml; SECURITY_GUIDANCE.md).
 */
import { entriesOf } from '../../model/settings.js';
import { defineLintRule } from '../types.js';

export const hostContainerSuperpowered = defineLintRule({
  meta: {
    id: 'host-containers/superpowered',
    severity: 'warning',
    description: 'A host container other than `admin` is superpowered.',
    rationale:
      'Superpowered containers run privileged with root access to the host; Bottlerocket intends that for the admin container only.',
    configurable: true,
    messages: {
      superpowered:
        'host container "{{name}}" is superpowered: it runs privileged with root access to the host; Bottlerocket reserves that for "admin"',
    },
  },
  check({ settings, report }) {
    for (const [name, entry] of entriesOf(settings, 'host-containers')) {
      if (name === 'admin' || entry.superpowered !== true) continue;
      report({ messageId: 'superpowered', data: { name }, path: ['settings', 'host-containers', name, 'superpowered'], at: 'value' });
    }
  },
});
