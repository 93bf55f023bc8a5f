/**
 * `apiclient exec` runs a command in a host container, but bootstrap commands run before
 * preconfigured.target is reached and host containers start only after it (bottlerocket-core-kit
 * sources/bootstrap-commands/src/main.rs module documentation; bottlerocket-project-website
 * concepts/bootstrap-commands "Considerations").
 */
import { commandLists, entriesOf } from '../../model/settings.js';
import { defineLintRule } from '../types.js';

export const bootstrapApiclientExec = defineLintRule({
  meta: {
    id: 'bootstrap/apiclient-exec',
    severity: 'error',
    description: '`apiclient exec` in a bootstrap command always fails.',
    rationale:
      'Host containers are not running yet when bootstrap commands run, so there is nothing to exec into; an essential entry then halts boot.',
    configurable: true,
    messages: {
      execFails:
        'bootstrap command "{{name}}" runs "apiclient exec", which cannot work during boot: host containers start only after bootstrap commands finish{{consequence}}. Use a bootstrap container instead',
    },
  },
  check({ settings, report }) {
    for (const [name, entry] of entriesOf(settings, 'bootstrap-commands')) {
      for (const { index, argv } of commandLists(entry)) {
        if (argv[0] !== 'apiclient' || argv[1] !== 'exec') continue;
        const consequence = entry.essential === true ? '; the entry is essential, so boot halts' : '; the rest of this entry is skipped';
        report({
          messageId: 'execFails',
          data: { name, consequence },
          path: ['settings', 'bootstrap-commands', name, 'commands', index],
          at: 'value',
        });
      }
    }
  },
});
