import type { Finding } from '../diagnostics.js';
import { isAvailable } from '../targets/releases.js';
import type { LintRule } from './types.js';
import { entriesOf } from './util.js';
import { closest } from '../validate/suggest.js';

/**
 * The release that fills in a default image for bootstrap containers without `source`
 * (bottlerocket-os/bottlerocket PR #4349 with bottlerocket-core-kit PRs #294/#335, core-kit 6.0.x,
 * shipped in Bottlerocket 1.33.0): `bottlerocket-bootstrap:vX` from Bottlerocket's regional ECR on AWS
 * variants, from public.ecr.aws/bottlerocket on metal-k8s and vmware-k8s. The dev variants get no
 * default (sources/shared-defaults). Before it, settings-applier fails and boot halts at
 * preconfigured.target (bottlerocket-core-kit sources/api/bootstrap-containers).
 */
export const DEFAULT_BOOTSTRAP_SOURCE_SINCE = '1.33.0';

/** Families without a default bootstrap image. */
const NO_DEFAULT_BOOTSTRAP_IMAGE = new Set(['metal-dev', 'vmware-dev']);

/** Host containers that have a default `source` in Bottlerocket's own defaults (aws-host-containers.toml, public-host-containers.toml). */
const HOST_CONTAINERS_WITH_DEFAULTS = new Set(['admin', 'control']);

export const containerMissingSource: LintRule = {
  id: 'containers/missing-source',
  severity: 'error',
  description: 'A bootstrap or host container without `source` (an image to run).',
  rationale:
    'The settings API accepts an entry without source, but the host-containers service then fails (even for a disabled entry), and on releases before the default bootstrap image so does the bootstrap-containers setup: settings-applier fails and boot halts (#1385; core-kit sources/api/host-containers).',
  configurable: true,
  check({ settings, target }) {
    const out: Finding[] = [];
    for (const [name, entry] of entriesOf(settings, 'host-containers')) {
      if (entry.source !== undefined || HOST_CONTAINERS_WITH_DEFAULTS.has(name)) continue;
      out.push({
        ruleId: this.id,
        message: `host container "${name}" has no source: only "admin" and "control" have a default image, so the host-containers service fails (even when the entry is disabled), settings-applier fails and boot halts${closeTo(name)}`,
        path: ['settings', 'host-containers', name],
        at: 'key',
      });
    }
    const hasDefault = isAvailable(DEFAULT_BOOTSTRAP_SOURCE_SINCE, target.release) && !NO_DEFAULT_BOOTSTRAP_IMAGE.has(target.family.id);
    for (const [name, entry] of entriesOf(settings, 'bootstrap-containers')) {
      if (entry.source !== undefined) continue;
      out.push(
        hasDefault
          ? {
              ruleId: this.id,
              severity: 'info',
              message: `bootstrap container "${name}" has no source, so Bottlerocket runs its default bootstrap image (bottlerocket-bootstrap), which runs the decoded user-data as a script${entry['user-data'] === undefined ? ' and exits 1 without it' : ''}`,
              path: ['settings', 'bootstrap-containers', name],
              at: 'key',
            }
          : {
              ruleId: this.id,
              message: NO_DEFAULT_BOOTSTRAP_IMAGE.has(target.family.id)
                ? `bootstrap container "${name}" has no source, and ${target.family.id} has no default bootstrap image: settings-applier fails and boot halts`
                : `bootstrap container "${name}" has no source: before Bottlerocket ${DEFAULT_BOOTSTRAP_SOURCE_SINCE} there is no default image, so settings-applier fails and boot halts`,
              path: ['settings', 'bootstrap-containers', name],
              at: 'key',
            },
      );
    }
    return out;
  },
};

function closeTo(name: string): string {
  const guess = closest(name, [...HOST_CONTAINERS_WITH_DEFAULTS]);
  return guess ? ` (did you mean "${guess}"?)` : '';
}
