/**
 * `apiclient reboot` in an entry with mode "always" reboots on every boot, forever
 * (bottlerocket-project-website content/en/os/1.57.x/concepts/bootstrap-commands, "Considerations").
 * With mode "once" the entry is switched off after it succeeds, so it reboots once.
 */
import { commandLists, entriesOf } from '../../model/settings.js';
import { defineLintRule } from '../types.js';

export const bootstrapRebootLoop = defineLintRule({
  meta: {
    id: 'bootstrap/reboot-loop',
    severity: 'error',
    description: '`apiclient reboot` in a bootstrap command with mode "always" reboots the node forever.',
    rationale: 'The entry runs again on every boot, so every boot ends in a reboot and the node never joins its cluster.',
    configurable: true,
    messages: {
      rebootsForever:
        'bootstrap command "{{name}}" runs "apiclient reboot" with mode = "always": it runs on every boot, so the node reboots forever. Use mode = "once"',
    },
  },
  check({ settings, report }) {
    for (const [name, entry] of entriesOf(settings, 'bootstrap-commands')) {
      if (entry.mode !== 'always') continue;
      for (const { index, argv } of commandLists(entry)) {
        if (argv[0] !== 'apiclient' || argv[1] !== 'reboot') continue;
        report({
          messageId: 'rebootsForever',
          data: { name },
          path: ['settings', 'bootstrap-commands', name, 'commands', index],
          at: 'value',
        });
      }
    }
  },
});
