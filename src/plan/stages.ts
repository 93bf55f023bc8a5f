/**
 * The stages of the boot plan, one function each, built from the normalized settings and the facts
 * below (bottlerocket-core-kit unit files and runners):
 *
 *  1. user-data   early-boot-config.service applies it on the first successful boot only (a marker file
 *                 is written when every provider succeeded); a rejected document halts boot.
 *  2. settings    sundog and settings-applier commit the settings and render every config file.
 *  3. bootstrap-commands  bootstrap-commands.service: entries one at a time in byte order of their
 *                 names, each entry's commands in list order; `once` becomes `off` after success; an
 *                 essential failure stops the rest and fails preconfigured.target.
 *  4. bootstrap-containers  bootstrap-containers@NAME.service: all at once, no order, before
 *                 configured.target; an essential non-zero exit fails configured.target.
 *  5. reboot-if-required (with boot.reboot-to-reconcile): activate-multi-user.service Requires it, so
 *     its failure keeps multi-user.target from starting (bottlerocket-core-kit
 *     packages/release/activate-multi-user.service@a10182f9, packages/os/reboot-if-required.service).
 *  6. host containers and the orchestrator agent start in multi-user.target.
 * No unit sets a start timeout (Type=oneshot): a step that hangs holds the boot.
 */
import { toKeyPath } from '../model/diagnostic.js';
import { entriesOf } from '../model/settings.js';
import { isTable, type TomlTable, type TomlValue } from '../model/value.js';
import type { VariantFamily } from '../targets/families.js';
import { FACTS, hasFact } from '../targets/facts.js';
import { byteOrder } from '../util/byte-order.js';
import type { Skipped, Stage, Step } from './types.js';

const NO_TIMEOUT = 'no timeout: if it hangs, boot waits for it';

/** host-ctr pulls an image once and retries 5 times (bottlerocket-core-kit sources/host-ctr/cmd/host-ctr/main.go@a10182f9). */
const IMAGE_PULL_ATTEMPTS = 6;

function str(v: TomlValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function modeOf(entry: TomlTable): { mode: 'always' | 'once' | 'off'; written: boolean } {
  const m = entry.mode;
  return m === 'always' || m === 'once' || m === 'off' ? { mode: m, written: true } : { mode: 'off', written: false };
}

/**
 * Why a bootstrap entry does not run on this boot (`off`, or `once` after boot 1), or undefined when it
 * runs. `succeeded` says what switched a `once` entry off.
 */
function notRunning(entry: TomlTable, boot: number, succeeded: string): string | undefined {
  const { mode, written } = modeOf(entry);
  if (mode === 'off') return written ? 'mode = "off"' : 'no mode: it defaults to "off"';
  if (mode === 'once' && boot > 1) return `mode = "once": it was set to "off" after it ${succeeded} on boot 1`;
  return undefined;
}

/** When a `once`/`always` entry runs, seen from boot N (assuming every earlier boot succeeded). */
function runsText(mode: 'always' | 'once', boot: number): string {
  if (mode === 'always') return 'every boot';
  return boot === 1 ? 'this boot only: set to "off" after it succeeds' : 'not again: it was set to "off" after it succeeded on boot 1';
}

function key(ns: string, name: string): string {
  return toKeyPath(['settings', ns, name]);
}

interface RunningEntry {
  name: string;
  from: string;
  entry: TomlTable;
  mode: 'always' | 'once';
  essential: boolean;
}

/** The entries of a bootstrap map that run on this boot; the others go to `skipped` with the reason. */
function runningEntries(
  settings: TomlTable,
  ns: 'bootstrap-commands' | 'bootstrap-containers',
  boot: number,
  succeeded: string,
  skipped: Skipped[],
): RunningEntry[] {
  const out: RunningEntry[] = [];
  for (const [name, entry] of entriesOf(settings, ns)) {
    const from = key(ns, name);
    const reason = notRunning(entry, boot, succeeded);
    if (reason) skipped.push({ name, from, reason });
    else out.push({ name, from, entry, mode: modeOf(entry).mode as 'always' | 'once', essential: entry.essential === true });
  }
  return out;
}

export function userDataStage(boot: number, skipped: Skipped[]): Stage {
  if (boot > 1)
    skipped.push({
      name: 'early-boot-config',
      from: 'early-boot-config.service',
      reason: 'user-data was applied on boot 1; it is not read again',
    });
  const step: Step = {
    name: 'early-boot-config',
    from: 'early-boot-config.service',
    runs: 'first boot only (until one succeeds)',
    onFailure: 'halts-preconfigured',
    failure:
      'one unknown key or bad value rejects the whole document: boot stops before preconfigured.target and the node never joins its cluster',
    log: 'journalctl -u early-boot-config (and the serial console)',
    cost: [],
    caveats: [],
  };
  return {
    id: 'user-data',
    title: 'apply user-data',
    order: 'sequential',
    target: 'preconfigured.target',
    steps: boot === 1 ? [step] : [],
  };
}

export function settingsStage(): Stage {
  const step: Step = {
    name: 'settings-applier',
    from: 'sundog.service, settings-applier.service',
    runs: 'every boot',
    onFailure: 'halts-preconfigured',
    failure:
      'a setting that cannot be rendered (e.g. a host container without source) fails settings-applier and halts boot before preconfigured.target',
    log: 'journalctl -u sundog -u settings-applier',
    cost: [],
    caveats: [],
  };
  return {
    id: 'settings',
    title: 'commit settings and render configuration',
    order: 'sequential',
    target: 'preconfigured.target',
    steps: [step],
  };
}

export function bootstrapCommandsStage(settings: TomlTable, release: string, boot: number, skipped: Skipped[]): Stage {
  const exitChecked = hasFact('exitStatusChecked', release);
  const steps = runningEntries(settings, 'bootstrap-commands', boot, 'succeeded', skipped).map(
    ({ name, from, entry, mode, essential }): Step => {
      const commands = Array.isArray(entry.commands) ? (entry.commands.filter((c) => Array.isArray(c)) as string[][]) : [];
      const caveats: string[] = [];
      if (!exitChecked)
        caveats.push(
          `before Bottlerocket ${FACTS.exitStatusChecked.since} only a command that cannot start counts as a failure: a non-zero exit is ignored, the next command runs${mode === 'once' ? ', the entry is still switched to "off"' : ''}${essential ? ', and an essential entry does not halt boot' : ''}`,
        );
      if (commands.length === 0) caveats.push('no commands: the entry does nothing');
      const reboots = commands.some((c) => c[0] === 'apiclient' && (c[1] === 'reboot' || (c[1] === 'update' && c.includes('--reboot'))));
      if (reboots) caveats.push('a reboot it asks for is delayed until all bootstrap commands finish (shutdown inhibitor, up to 300 s)');
      return {
        name,
        from,
        mode,
        essential,
        commands,
        runs: runsText(mode, boot),
        onFailure: essential ? 'halts-preconfigured' : 'continues',
        failure: essential
          ? 'stops the remaining commands of this entry and every later entry; boot halts before preconfigured.target'
          : `stops the remaining commands of this entry; the next entry runs${mode === 'once' ? '; it stays "once" and runs again next boot' : ''}`,
        log: exitChecked
          ? "journalctl -u bootstrap-commands (output is not logged; a failing command's stderr is, in the failure message)"
          : 'journalctl -u bootstrap-commands (command output goes to the journal)',
        cost: reboots ? ['may reboot the node'] : [],
        caveats: [...caveats, NO_TIMEOUT],
      };
    },
  );
  return {
    id: 'bootstrap-commands',
    title: 'bootstrap commands: one at a time, in byte order of their names',
    order: 'sequential',
    target: 'preconfigured.target',
    steps,
  };
}

export function bootstrapContainersStage(settings: TomlTable, boot: number, skipped: Skipped[]): Stage {
  const steps = runningEntries(settings, 'bootstrap-containers', boot, 'exited 0', skipped).map(
    ({ name, from, entry, mode, essential }): Step => {
      const source = str(entry.source);
      const command = Array.isArray(entry.command) ? entry.command.filter((c): c is string => typeof c === 'string') : undefined;
      return {
        name,
        from,
        mode,
        essential,
        ...(source ? { source } : {}),
        ...(command ? { command } : {}),
        runs: runsText(mode, boot),
        onFailure: essential ? 'halts-configured' : 'continues',
        failure: essential
          ? 'a non-zero exit fails configured.target: boot halts before host containers and the orchestrator start'
          : `logged; boot continues${mode === 'once' ? '; it stays "once" and runs again next boot' : ''}`,
        log: `journalctl -u bootstrap-containers@${name}`,
        cost: [`pulls ${source ?? 'the default bootstrap image'} (${IMAGE_PULL_ATTEMPTS} attempts with backoff before failing)`],
        caveats: [
          ...(source
            ? []
            : [
                `no source: Bottlerocket ${FACTS.defaultBootstrapImage.since}+ runs its default bootstrap image with this entry's user-data`,
              ]),
          ...(command ? ["command replaces the image's entrypoint and command"] : []),
          NO_TIMEOUT,
        ],
      };
    },
  );
  return {
    id: 'bootstrap-containers',
    title: 'bootstrap containers: all at once, in no order',
    order: 'parallel',
    target: 'configured.target',
    steps,
  };
}

export function rebootStage(settings: TomlTable): Stage | undefined {
  const boot = settings.boot;
  if (!isTable(boot) || boot['reboot-to-reconcile'] !== true) return undefined;
  const step: Step = {
    name: 'reboot-if-required',
    from: 'settings.boot.reboot-to-reconcile',
    runs: "every boot; reboots only when boot.kernel-parameters or init-parameters differ from the running kernel's",
    onFailure: 'halts-multi-user',
    failure:
      'activate-multi-user.service requires it: if it fails, multi-user.target is never reached, so no host container and no kubelet or ECS agent starts',
    log: 'journalctl -u reboot-if-required',
    cost: ['one extra reboot on the first boot when the parameters change'],
    caveats: [],
  };
  return {
    id: 'reboot-if-required',
    title: 'reboot to apply kernel and init parameters',
    order: 'sequential',
    target: 'multi-user.target',
    steps: [step],
  };
}

export function hostContainersStage(settings: TomlTable, family: VariantFamily, skipped: Skipped[]): Stage {
  const defaults = family.defaultHostContainers;
  const user = new Map(entriesOf(settings, 'host-containers'));
  const names = [...new Set([...Object.keys(defaults), ...user.keys()])].sort(byteOrder);
  const steps: Step[] = [];
  for (const name of names) {
    const entry = user.get(name);
    const from = entry ? key('host-containers', name) : `Bottlerocket's default ${name} container`;
    const reason = hostContainerOff(entry, Object.hasOwn(defaults, name) && defaults[name]!.enabled);
    if (reason) skipped.push({ name, from, reason });
    else steps.push(hostContainerStep(name, from, entry));
  }
  const title = 'host containers: started together, kept running';
  return { id: 'host-containers', title, order: 'parallel', target: 'multi-user.target', steps };
}

/** Why a host container does not run, or undefined when it does. */
function hostContainerOff(entry: TomlTable | undefined, enabledByDefault: boolean): string | undefined {
  if (!entry) return enabledByDefault ? undefined : 'disabled by default';
  if (entry.enabled === true || (entry.enabled === undefined && enabledByDefault)) return undefined;
  return entry.enabled === false ? 'enabled = false' : 'not enabled (enabled defaults to false)';
}

function hostContainerStep(name: string, from: string, entry: TomlTable | undefined): Step {
  const source = str(entry?.source);
  const superpowered = entry?.superpowered === true || (name === 'admin' && entry?.superpowered !== false);
  return {
    name,
    from,
    ...(source ? { source } : {}),
    runs: 'every boot, kept running (restarted 45 s after it exits)',
    onFailure: 'continues',
    failure: 'restarted; boot is not affected',
    log: `journalctl -u host-containers@${name}`,
    cost: [`pulls ${source ?? `the default ${name} image`} (${IMAGE_PULL_ATTEMPTS} attempts with backoff, then the unit restarts)`],
    caveats: superpowered ? ['superpowered: privileged, with root access to the host'] : [],
  };
}

export function orchestratorStage(settings: TomlTable, family: VariantFamily): Stage {
  const steps: Step[] = [];
  const autoscaling = settings.autoscaling;
  const waits = isTable(autoscaling) && autoscaling['should-wait'] === true;
  if (family.orchestrator === 'kubernetes') {
    steps.push({
      name: 'kubelet',
      from: 'kubelet.service',
      runs: 'every boot, after configured.target',
      onFailure: 'node-does-not-join',
      failure: 'restarted by systemd; until it runs, the node does not join the cluster',
      log: 'journalctl -u kubelet',
      cost: waits ? ['waits for the Auto Scaling group to put the instance InService (autoscaling.should-wait)'] : [],
      caveats: [],
    });
  } else if (family.orchestrator === 'ecs') {
    steps.push({
      name: 'ecs',
      from: 'ecs.service',
      runs: 'every boot, after configured.target',
      onFailure: 'node-does-not-join',
      failure: 'restarted by systemd; until it runs, the instance does not register with the cluster',
      log: 'journalctl -u ecs',
      cost: [],
      caveats: [],
    });
  }
  const title = family.orchestrator === 'none' ? 'no orchestrator agent on this variant' : 'orchestrator agent';
  return { id: 'orchestrator', title, order: 'sequential', target: 'multi-user.target', steps };
}
