import type { Finding } from '../diagnostics.js';
import type { LintRule } from './types.js';
import { entriesOf } from './util.js';

/**
 * A bootstrap command or container without `mode` never runs: the mode defaults to `off`
 * (bottlerocket-settings-models modeled-types shared.rs `BootstrapMode::default`; bottlerocket-core-kit
 * sources/bootstrap-commands/src/main.rs reads a missing mode as the default).
 */
export const bootstrapModeMissing: LintRule = {
  id: 'bootstrap/mode-missing',
  severity: 'warning',
  description: 'A bootstrap command or container without `mode` never runs.',
  rationale: 'Bottlerocket defaults a missing `mode` to "off", so the entry is accepted and silently skipped on every boot.',
  configurable: true,
  check({ settings }) {
    const out: Finding[] = [];
    for (const ns of ['bootstrap-commands', 'bootstrap-containers'] as const) {
      const what = ns === 'bootstrap-commands' ? 'bootstrap command' : 'bootstrap container';
      for (const [name, entry] of entriesOf(settings, ns)) {
        if (entry.mode !== undefined) continue;
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
