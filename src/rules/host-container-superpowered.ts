import type { Finding } from '../diagnostics.js';
import type { LintRule } from './types.js';
import { entriesOf } from './util.js';

/**
 * A superpowered host container runs privileged with full root access to the host; Bottlerocket
 * ships only the `admin` container that way (bottlerocket-os/bottlerocket
 * sources/shared-defaults/aws-host-containers.toml; SECURITY_GUIDANCE.md).
 */
export const hostContainerSuperpowered: LintRule = {
  id: 'host-containers/superpowered',
  severity: 'warning',
  description: 'A host container other than `admin` is superpowered.',
  rationale: 'Superpowered containers run privileged with root access to the host; Bottlerocket intends that for the admin container only.',
  configurable: true,
  check({ settings }) {
    const out: Finding[] = [];
    for (const [name, entry] of entriesOf(settings, 'host-containers')) {
      if (name === 'admin' || entry.superpowered !== true) continue;
      out.push({
        ruleId: this.id,
        message: `host container "${name}" is superpowered: it runs privileged with root access to the host; Bottlerocket reserves that for "admin"`,
        path: ['settings', 'host-containers', name, 'superpowered'],
        at: 'value',
      });
    }
    return out;
  },
};
