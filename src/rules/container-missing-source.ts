import type { Finding } from '../diagnostics.js';
import { isAvailable } from '../targets/releases.js';
import type { LintRule } from './types.js';
import { entriesOf } from './util.js';

/**
 * The release that added a default image for bootstrap containers without `source`
 * (bottlerocket-os/bottlerocket PR #4349, merged 2025-01; bootstrap-container image first updated in
 * PR #4432 "Bootstrap container update 1.35.0"). Before it, the config template writes `source`
 * unconditionally, rendering fails, settings-applier fails and boot halts at preconfigured.target
 * (bottlerocket-core-kit packages/os/bootstrap-containers-toml; reference §3.7).
 */
export const DEFAULT_BOOTSTRAP_SOURCE_SINCE = '1.35.0';

/** Host containers that have a default `source` in Bottlerocket's own defaults (aws-host-containers.toml, public-host-containers.toml). */
const HOST_CONTAINERS_WITH_DEFAULTS = new Set(['admin', 'control']);

export const containerMissingSource: LintRule = {
  id: 'containers/missing-source',
  severity: 'error',
  description: 'A bootstrap or host container without `source` (an image to run).',
  rationale:
    'The settings API accepts an entry without source, but the host-containers service then fails, and on releases before the default bootstrap image so does the bootstrap-containers setup: settings-applier fails and boot halts (#1385; core-kit sources/api/host-containers).',
  configurable: true,
  check({ settings, target }) {
    const out: Finding[] = [];
    for (const [name, entry] of entriesOf(settings, 'host-containers')) {
      if (entry.source !== undefined || HOST_CONTAINERS_WITH_DEFAULTS.has(name)) continue;
      out.push({
        ruleId: this.id,
        message: `host container "${name}" has no source: Bottlerocket has no default image for it, so the host-containers service fails, settings-applier fails and the node does not finish booting (a typo for "admin" or "control"?)`,
        path: ['settings', 'host-containers', name],
        at: 'key',
      });
    }
    const hasDefault = isAvailable(DEFAULT_BOOTSTRAP_SOURCE_SINCE, target.release);
    for (const [name, entry] of entriesOf(settings, 'bootstrap-containers')) {
      if (entry.source !== undefined) continue;
      out.push(
        hasDefault
          ? {
              ruleId: this.id,
              severity: 'info',
              message: `bootstrap container "${name}" has no source, so Bottlerocket ${target.release} runs its default bootstrap image (bottlerocket-bootstrap) with this entry's user-data`,
              path: ['settings', 'bootstrap-containers', name],
              at: 'key',
            }
          : {
              ruleId: this.id,
              message: `bootstrap container "${name}" has no source: before Bottlerocket ${DEFAULT_BOOTSTRAP_SOURCE_SINCE} there is no default image, so rendering its config fails, settings-applier fails and boot halts`,
              path: ['settings', 'bootstrap-containers', name],
              at: 'key',
            },
      );
    }
    return out;
  },
};
