import type { Finding } from '../diagnostics.js';
import type { LintRule } from './types.js';
import { entriesOf } from './util.js';
import { isAvailable } from '../targets/releases.js';

/**
 * A bootstrap command or container without `mode` never runs: the mode defaults to `off`
 * (bottlerocket-settings-models modeled-types shared.rs `BootstrapMode::default`; bottlerocket-core-kit
 * sources/bootstrap-commands/src/main.rs reads a missing mode as the default).
 * Bootstrap containers on 1.20.0 to 1.32.x are worse: the config template writes `mode`
 * unconditionally, rendering fails and boot halts (core-kit packages/os/bootstrap-containers-toml,
 * made conditional by core-kit commit 8a9afd83, shipped in 1.33.0).
 */
const CONTAINER_TEMPLATE_BREAKS = { from: '1.20.0', until: '1.33.0' };
export const bootstrapModeMissing: LintRule = {
  id: 'bootstrap/mode-missing',
  severity: 'warning',
  description: 'A bootstrap command or container without `mode` never runs (and on 1.20-1.32 a container without it halts boot).',
  rationale: 'Bottlerocket defaults a missing `mode` to "off", so the entry is accepted and silently skipped on every boot.',
  configurable: true,
  check({ settings, target }) {
    const out: Finding[] = [];
    const breaksBoot = isAvailable(CONTAINER_TEMPLATE_BREAKS.from, target.release) && !isAvailable(CONTAINER_TEMPLATE_BREAKS.until, target.release);
    for (const ns of ['bootstrap-commands', 'bootstrap-containers'] as const) {
      const what = ns === 'bootstrap-commands' ? 'bootstrap command' : 'bootstrap container';
      for (const [name, entry] of entriesOf(settings, ns)) {
        if (entry.mode !== undefined) continue;
        if (ns === 'bootstrap-containers' && breaksBoot) {
          out.push({
            ruleId: this.id,
            severity: 'error',
            message: `bootstrap container "${name}" has no mode: on Bottlerocket ${target.release} its config file fails to render, settings-applier fails and boot halts (fixed in ${CONTAINER_TEMPLATE_BREAKS.until}); add mode = "once" or mode = "always"`,
            path: ['settings', ns, name],
            at: 'key',
          });
          continue;
        }
        out.push({
          ruleId: this.id,
          message: `${what} "${name}" has no mode, so it defaults to "off" and never runs; add mode = "once" (next boot only) or mode = "always" (every boot)`,
          path: ['settings', ns, name],
          at: 'key',
        });
      }
    }
    return out;
  },
};
