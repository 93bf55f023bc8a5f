/**
 * The boot execution plan: what Bottlerocket's boot does with a user-data document, in order, on a
 * given boot, and what a failure stops (the stages are in `stages.ts`).
 */
import { isTable, newTable, type TomlTable } from '../model/value.js';
import { childSchema, deref, loadSchema } from '../schema/bundle.js';
import { isAvailable } from '../targets/releases.js';
import { targetName, type Target } from '../targets/target.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/platform.js';
import {
  bootstrapCommandsStage,
  bootstrapContainersStage,
  hostContainersStage,
  orchestratorStage,
  rebootStage,
  settingsStage,
  userDataStage,
} from './stages.js';
import type { Plan, Skipped, Stage } from './types.js';

const NOTES = [
  'Nothing in this plan times out: a bootstrap command or container that hangs holds the boot until it ends.',
  'User-data is read once, on the first boot that succeeds; changing it later has no effect (use the API).',
];

/** The release that added `settings.bootstrap-commands`, as the schema says. */
function bootstrapCommandsSince(): string | undefined {
  const root = loadSchema();
  const node = childSchema(deref(childSchema(root, 'settings', root) ?? {}, root), 'bootstrap-commands', root);
  return node ? deref(node, root)['x-since'] : undefined;
}

/** The plan for normalized settings on a target, for boot N (1 = the first boot). */
export function buildPlan(document: TomlTable, target: Target, boot = 1): Plan {
  const settings = isTable(document.settings) ? document.settings : newTable();
  const skipped: Skipped[] = [];
  const notes = [...NOTES];
  const release = target.release;
  const stages: Stage[] = [userDataStage(boot, skipped), settingsStage()];
  const commandsSince = bootstrapCommandsSince();
  if (isAvailable(commandsSince, release)) stages.push(bootstrapCommandsStage(settings, release, boot, skipped));
  else if (isTable(settings['bootstrap-commands']))
    notes.push(`Bottlerocket ${release} has no bootstrap commands (they arrived in ${commandsSince}).`);
  stages.push(bootstrapContainersStage(settings, boot, skipped));
  const reboot = rebootStage(settings);
  if (reboot) stages.push(reboot);
  stages.push(hostContainersStage(settings, target.family, skipped), orchestratorStage(settings, target.family));
  const plan: Plan = {
    variant: targetName(target),
    variantSource: target.variantSource,
    osVersion: release,
    boot,
    digest: '',
    stages,
    skipped,
    notes,
  };
  plan.digest = planDigest(plan);
  return plan;
}

export function planDigest(plan: Plan): string {
  const { digest: _ignored, ...rest } = plan;
  return 'sha256:' + sha256Hex(canonicalJson(rest));
}
