/**
 * A bootstrap command or container without `mode` never runs: the mode defaults to `off`
 * (bottlerocket-settings-models modeled-types shared.rs `BootstrapMode::default`; bottlerocket-core-kit
 * sources/bootstrap-commands/src/main.rs reads a missing mode as the default). Bootstrap containers on
 * the releases with the unconditional `mode` template are worse: rendering fails and boot halts
 * (`FACTS.bootstrapContainerModeTemplate`).
 */
import { entriesOf } from '../../model/settings.js';
import { FACTS, hasFact } from '../../targets/facts.js';
import { defineLintRule } from '../types.js';

export const bootstrapModeMissing = defineLintRule({
  meta: {
    id: 'bootstrap/mode-missing',
    severity: 'warning',
    description: `A bootstrap command or container without \`mode\` never runs (and from ${FACTS.bootstrapContainerModeTemplate.since} until ${FACTS.bootstrapContainerModeTemplate.until} a container without it halts boot).`,
    rationale: 'Bottlerocket defaults a missing `mode` to "off", so the entry is accepted and silently skipped on every boot.',
    configurable: true,
    messages: {
      neverRuns:
        '{{what}} "{{name}}" has no mode, so it defaults to "off" and never runs; add mode = "once" (next boot only) or mode = "always" (every boot)',
      haltsBoot:
        'bootstrap container "{{name}}" has no mode: on Bottlerocket {{release}} its config file fails to render, settings-applier fails and boot halts (fixed in {{fixed}}); add mode = "once" or mode = "always"',
    },
  },
  check({ settings, target, report }) {
    const breaksBoot = hasFact('bootstrapContainerModeTemplate', target.release);
    for (const ns of ['bootstrap-commands', 'bootstrap-containers'] as const) {
      const what = ns === 'bootstrap-commands' ? 'bootstrap command' : 'bootstrap container';
      for (const [name, entry] of entriesOf(settings, ns)) {
        if (entry.mode !== undefined) continue;
        const path = ['settings', ns, name];
        if (ns === 'bootstrap-containers' && breaksBoot) {
          const data = { name, release: target.release, fixed: FACTS.bootstrapContainerModeTemplate.until };
          report({ messageId: 'haltsBoot', data, path, at: 'key', severity: 'error' });
        } else report({ messageId: 'neverRuns', data: { what, name }, path, at: 'key' });
      }
    }
  },
});
