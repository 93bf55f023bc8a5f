import type { Finding } from '../diagnostics.js';
import type { LintRule } from './types.js';
import { commandLists, entriesOf } from './util.js';

/**
 * `apiclient reboot` in an entry with mode "always" reboots on every boot, forever
 * (bottlerocket-project-website content/en/os/1.57.x/concepts/bootstrap-commands, "Considerations").
 * With mode "once" the entry is switched off after it succeeds, so it reboots once.
 */
export const bootstrapRebootLoop: LintRule = {
  id: 'bootstrap/reboot-loop',
  severity: 'error',
  description: '`apiclient reboot` in a bootstrap command with mode "always" reboots the node forever.',
  rationale: 'The entry runs again on every boot, so every boot ends in a reboot and the node never joins its cluster.',
  configurable: true,
  check({ settings }) {
    const out: Finding[] = [];
    for (const [name, entry] of entriesOf(settings, 'bootstrap-commands')) {
      if (entry.mode !== 'always') continue;
      for (const { index, argv } of commandLists(entry)) {
        if (argv[0] !== 'apiclient' || argv[1] !== 'reboot') continue;
        out.push({
          ruleId: this.id,
          message: `bootstrap command "${name}" runs "apiclient reboot" with mode = "always": it runs on every boot, so the node reboots forever. Use mode = "once"`,
          path: ['settings', 'bootstrap-commands', name, 'commands', index],
          at: 'value',
        });
      }
    }
    return out;
  },
};
