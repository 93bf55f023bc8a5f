import type { Finding } from '../diagnostics.js';
import type { LintRule } from './types.js';
import { commandLists, entriesOf } from './util.js';

/**
 * `apiclient exec` runs a command in a host container, but bootstrap commands run before
 * preconfigured.target is reached and host containers start only after it (bottlerocket-core-kit
 * sources/bootstrap-commands/src/main.rs module documentation; bottlerocket-project-website
 * concepts/bootstrap-commands "Considerations").
 */
export const bootstrapApiclientExec: LintRule = {
  id: 'bootstrap/apiclient-exec',
  severity: 'error',
  description: '`apiclient exec` in a bootstrap command always fails.',
  rationale: 'Host containers are not running yet when bootstrap commands run, so there is nothing to exec into; an essential entry then halts boot.',
  configurable: true,
  check({ settings }) {
    const out: Finding[] = [];
    for (const [name, entry] of entriesOf(settings, 'bootstrap-commands')) {
      for (const { index, argv } of commandLists(entry)) {
        if (argv[0] !== 'apiclient' || argv[1] !== 'exec') continue;
        const halts = entry.essential === true ? '; the entry is essential, so boot halts' : '; the rest of this entry is skipped';
        out.push({
          ruleId: this.id,
          message: `bootstrap command "${name}" runs "apiclient exec", which cannot work during boot: host containers start only after bootstrap commands finish${halts}. Use a bootstrap container instead`,
          path: ['settings', 'bootstrap-commands', name, 'commands', index],
          at: 'value',
        });
      }
    }
    return out;
  },
};
