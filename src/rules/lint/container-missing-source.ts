/**
 * A container without `source` has no image to run. Host containers other than the ones Bottlerocket
 * defines itself fail the host-containers service, even when disabled (bottlerocket-core-kit
 * sources/api/host-containers); bootstrap containers get a default image only from the release in
 * `FACTS.defaultBootstrapImage`, and not on every family: before it, settings-applier fails and boot
 * halts at preconfigured.target (bottlerocket-core-kit sources/api/bootstrap-containers).
 */
import { entriesOf } from '../../model/settings.js';
import { FACTS, hasFact } from '../../targets/facts.js';
import { closest } from '../../util/suggest.js';
import { hints } from '../../util/hints.js';
import { defineLintRule } from '../types.js';

export const containerMissingSource = defineLintRule({
  meta: {
    id: 'containers/missing-source',
    severity: 'error',
    description: 'A bootstrap or host container without `source` (an image to run).',
    rationale:
      'The settings API accepts an entry without source, but the host-containers service then fails (even for a disabled entry), and on releases before the default bootstrap image so does the bootstrap-containers setup: settings-applier fails and boot halts (#1385; core-kit sources/api/host-containers).',
    configurable: true,
    fixable: ['hostContainer'],
    messages: {
      hostContainer:
        'host container "{{name}}" has no source: only {{defaults}} have a default image, so the host-containers service fails (even when the entry is disabled), settings-applier fails and boot halts{{hint}}',
      defaultImage:
        'bootstrap container "{{name}}" has no source, so Bottlerocket runs its default bootstrap image (bottlerocket-bootstrap), which runs the decoded user-data as a script{{withoutUserData}}',
      noDefaultOnFamily:
        'bootstrap container "{{name}}" has no source, and {{family}} has no default bootstrap image: settings-applier fails and boot halts',
      noDefaultYet:
        'bootstrap container "{{name}}" has no source: before Bottlerocket {{since}} there is no default image, so settings-applier fails and boot halts',
    },
  },
  check({ settings, target, report }) {
    const defaults = Object.keys(target.family.defaultHostContainers);
    const entries = entriesOf(settings, 'host-containers');
    for (const [name, entry] of entries) {
      if (entry.source !== undefined || defaults.includes(name)) continue;
      const guess = closest(name, defaults);
      const data = { name, defaults: defaults.map((d) => `"${d}"`).join(' and '), hint: hints.didYouMeanAside(guess) };
      // the one close default name, unless that entry is written too, or the rename would switch on a
      // container that is off by default (admin: superpowered, so a reviewer decides, not --fix)
      const switchesOn = guess !== undefined && entry.enabled === true && target.family.defaultHostContainers[guess]?.enabled === false;
      const fix =
        guess === undefined || switchesOn || entries.some(([other]) => other === guess)
          ? undefined
          : { text: guess, expect: (w: string) => w === name || w === JSON.stringify(name) || w === `'${name}'` };
      report({ messageId: 'hostContainer', data, path: ['settings', 'host-containers', name], at: 'key', fix });
    }
    const familyHasImage = target.family.defaultBootstrapImage;
    const hasDefault = hasFact('defaultBootstrapImage', target.release) && familyHasImage;
    for (const [name, entry] of entriesOf(settings, 'bootstrap-containers')) {
      if (entry.source !== undefined) continue;
      const path = ['settings', 'bootstrap-containers', name];
      if (hasDefault) {
        const withoutUserData = entry['user-data'] === undefined ? ' and exits 1 without it' : '';
        report({ messageId: 'defaultImage', data: { name, withoutUserData }, path, at: 'key', severity: 'info' });
      } else if (!familyHasImage) report({ messageId: 'noDefaultOnFamily', data: { name, family: target.family.id }, path, at: 'key' });
      else report({ messageId: 'noDefaultYet', data: { name, since: FACTS.defaultBootstrapImage.since }, path, at: 'key' });
    }
  },
});
