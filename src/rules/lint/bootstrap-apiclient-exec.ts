/**
 * `apiclient exec` runs a command in a host container, but bootstrap commands run before
 * preconfigured.target is reached and host containers start only after it (bottlerocket-core-kit
 * sources/bootstrap-commands/src/main.rs module documentation; bottlerocket-project-website
 * concepts/bootstrap-commands "Considerations"). What its failure costs depends on the release
 * (`FACTS.exitStatusChecked`): before, run_command only checks that the process started
 * (bottlerocket-core-kit sources/bootstrap-commands/src/main.rs@a10182f9, `.status()` with the code
 * dropped), so the non-zero exit is ignored, the entry goes on, and an essential entry does not halt boot.
 */
import { commandLists, entriesOf } from '../../model/settings.js';
import { FACTS, hasFact } from '../../targets/facts.js';
import { defineLintRule } from '../types.js';

export const bootstrapApiclientExec = defineLintRule({
  meta: {
    id: 'bootstrap/apiclient-exec',
    severity: 'error',
    description: '`apiclient exec` in a bootstrap command always fails.',
    rationale: `Host containers are not running yet when bootstrap commands run, so there is nothing to exec into; from Bottlerocket ${FACTS.exitStatusChecked.since} the failure stops the entry (and boot, for an essential entry); before, the exit status is ignored and the command silently does nothing.`,
    configurable: true,
    messages: {
      execFails:
        'bootstrap command "{{name}}" runs "apiclient exec", which cannot work during boot: host containers start only after bootstrap commands finish{{consequence}}. Use a bootstrap container instead',
    },
  },
  check({ settings, target, report }) {
    const checked = hasFact('exitStatusChecked', target.release);
    for (const [name, entry] of entriesOf(settings, 'bootstrap-commands')) {
      for (const { index, argv } of commandLists(entry)) {
        if (argv[0] !== 'apiclient' || argv[1] !== 'exec') continue;
        const consequence = !checked
          ? `; before Bottlerocket ${FACTS.exitStatusChecked.since} its non-zero exit is ignored, so the entry goes on (and boot with it) and the command silently does nothing`
          : entry.essential === true
            ? '; the entry is essential, so boot halts'
            : '; the rest of this entry is skipped';
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
