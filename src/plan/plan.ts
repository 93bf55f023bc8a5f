/**
 * The boot execution plan: what Bottlerocket's boot does with a user-data document, in order, on a
 * given boot, and what a failure stops. Built from the normalized settings and the facts below, each
 * with its source (bottlerocket-core-kit unit files and runners; ../shared/reference/bottlerocket-user-data.md
 * §2, §3, §6 restates them).
 *
 *  1. user-data   early-boot-config.service applies it on the first successful boot only (a marker file
 *                 is written when every provider succeeded); a rejected document halts boot.
 *  2. settings    sundog and settings-applier commit the settings and render every config file.
 *  3. bootstrap-commands  bootstrap-commands.service (1.22.0+): entries one at a time in byte order of
 *                 their names, each entry's commands in list order; `once` becomes `off` after success;
 *                 an essential failure stops the rest and fails preconfigured.target.
 *  4. bootstrap-containers  bootstrap-containers@NAME.service: all at once, no order, before
 *                 configured.target; an essential non-zero exit fails configured.target.
 *  5. host containers and the orchestrator agent start in multi-user.target.
 * No unit sets a start timeout (Type=oneshot): a step that hangs holds the boot.
 */
import { createHash } from 'node:crypto';
import { isTable, type TomlTable, type TomlValue } from '../parse/value.js';
import { entriesOf } from '../rules/util.js';
import { byteOrder } from '../order.js';
import { toKeyPath } from '../diagnostics.js';
import { isAvailable } from '../targets/releases.js';
import type { VariantFamily } from '../targets/variants.js';

/** Bootstrap commands that fail with a non-zero exit are detected from core-kit 5.4.1 (Bottlerocket 1.31.0). */
export const EXIT_STATUS_CHECKED_SINCE = '1.31.0';
const BOOTSTRAP_COMMANDS_SINCE = '1.22.0';

export type OnFailure = 'halts-preconfigured' | 'halts-configured' | 'continues' | 'node-does-not-join';

export interface Step {
  name: string;
  /** The settings path the step comes from (`settings.bootstrap-commands.10-x`), or the unit for system steps. */
  from: string;
  mode?: 'always' | 'once';
  essential?: boolean;
  commands?: string[][];
  command?: string[];
  source?: string;
  /** When this step runs, from this boot on. */
  runs: string;
  onFailure: OnFailure;
  /** What a failure does, in words. */
  failure: string;
  log: string;
  /** What makes the step slow at boot. */
  cost: string[];
  caveats: string[];
}

export interface Stage {
  id: 'user-data' | 'settings' | 'bootstrap-commands' | 'bootstrap-containers' | 'reboot-if-required' | 'host-containers' | 'orchestrator';
  title: string;
  order: 'sequential' | 'parallel';
  /** The systemd target the stage belongs to. */
  target: string;
  steps: Step[];
}

export interface Skipped {
  name: string;
  from: string;
  reason: string;
}

export interface Plan {
  formatVersion: 1;
  variant: string;
  osVersion: string;
  boot: number;
  digest: string;
  stages: Stage[];
  skipped: Skipped[];
  notes: string[];
}

export interface PlanTarget {
  variant: string;
  family: VariantFamily;
  release: string;
}

const NO_TIMEOUT = 'no timeout: if it hangs, boot waits for it';

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

export function buildPlan(document: TomlTable, target: PlanTarget, boot = 1): Plan {
  const settings = isTable(document.settings) ? document.settings : ({} as TomlTable);
  const stages: Stage[] = [];
  const skipped: Skipped[] = [];
  const notes = [
    'Nothing in this plan times out: a bootstrap command or container that hangs holds the boot until it ends.',
    'User-data is read once, on the first boot that succeeds; changing it later has no effect (use the API).',
  ];
  const release = target.release;

  stages.push({
    id: 'user-data',
    title: 'apply user-data',
    order: 'sequential',
    target: 'preconfigured.target',
    steps:
      boot === 1
        ? [
            {
              name: 'early-boot-config',
              from: 'early-boot-config.service',
              runs: 'first boot only (until one succeeds)',
              onFailure: 'halts-preconfigured',
              failure: 'one unknown key or bad value rejects the whole document: boot stops before preconfigured.target and the node never joins its cluster',
              log: 'journalctl -u early-boot-config (and the serial console)',
              cost: [],
              caveats: [],
            },
          ]
        : [],
  });
  if (boot > 1) skipped.push({ name: 'early-boot-config', from: 'early-boot-config.service', reason: 'user-data was applied on boot 1; it is not read again' });

  stages.push({
    id: 'settings',
    title: 'commit settings and render configuration',
    order: 'sequential',
    target: 'preconfigured.target',
    steps: [
      {
        name: 'settings-applier',
        from: 'sundog.service, settings-applier.service',
        runs: 'every boot',
        onFailure: 'halts-preconfigured',
        failure: 'a setting that cannot be rendered (e.g. a host container without source) fails settings-applier and halts boot before preconfigured.target',
        log: 'journalctl -u sundog -u settings-applier',
        cost: [],
        caveats: [],
      },
    ],
  });

  if (isAvailable(BOOTSTRAP_COMMANDS_SINCE, release)) stages.push(bootstrapCommands(settings, release, boot, skipped));
  else if (isTable(settings['bootstrap-commands'])) notes.push(`Bottlerocket ${release} has no bootstrap commands (they arrived in ${BOOTSTRAP_COMMANDS_SINCE}).`);
  stages.push(bootstrapContainers(settings, boot, skipped));
  const reboot = rebootToReconcile(settings);
  if (reboot) stages.push(reboot);
  stages.push(hostContainers(settings, target.family, skipped));
  stages.push(orchestrator(settings, target.family));

  const plan: Plan = { formatVersion: 1, variant: target.variant, osVersion: release, boot, digest: '', stages, skipped, notes };
  plan.digest = planDigest(plan);
  return plan;
}

function bootstrapCommands(settings: TomlTable, release: string, boot: number, skipped: Skipped[]): Stage {
  const steps: Step[] = [];
  const exitChecked = isAvailable(EXIT_STATUS_CHECKED_SINCE, release);
  for (const [name, entry] of entriesOf(settings, 'bootstrap-commands')) {
    const from = key('bootstrap-commands', name);
    const reason = notRunning(entry, boot, 'succeeded');
    if (reason) {
      skipped.push({ name, from, reason });
      continue;
    }
    const mode = modeOf(entry).mode as 'always' | 'once';
    const commands = Array.isArray(entry.commands) ? (entry.commands.filter((c) => Array.isArray(c)) as string[][]) : [];
    const essential = entry.essential === true;
    const caveats: string[] = [];
    if (!exitChecked) caveats.push(`before Bottlerocket ${EXIT_STATUS_CHECKED_SINCE} only a command that cannot start counts as a failure: a non-zero exit of apiclient is not detected`);
    if (commands.length === 0) caveats.push('no commands: the entry does nothing');
    const reboots = commands.some((c) => c[0] === 'apiclient' && (c[1] === 'reboot' || (c[1] === 'update' && c.includes('--reboot'))));
    if (reboots) caveats.push('a reboot it asks for is delayed until all bootstrap commands finish (shutdown inhibitor, up to 300 s)');
    steps.push({
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
      log: 'journalctl -u bootstrap-commands',
      cost: reboots ? ['may reboot the node'] : [],
      caveats: [...caveats, NO_TIMEOUT],
    });
  }
  return { id: 'bootstrap-commands', title: 'bootstrap commands: one at a time, in byte order of their names', order: 'sequential', target: 'preconfigured.target', steps };
}

function bootstrapContainers(settings: TomlTable, boot: number, skipped: Skipped[]): Stage {
  const steps: Step[] = [];
  for (const [name, entry] of entriesOf(settings, 'bootstrap-containers')) {
    const from = key('bootstrap-containers', name);
    const reason = notRunning(entry, boot, 'exited 0');
    if (reason) {
      skipped.push({ name, from, reason });
      continue;
    }
    const mode = modeOf(entry).mode as 'always' | 'once';
    const essential = entry.essential === true;
    const source = str(entry.source);
    const command = Array.isArray(entry.command) ? (entry.command.filter((c) => typeof c === 'string') as string[]) : undefined;
    steps.push({
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
      cost: [`pulls ${source ?? 'the default bootstrap image'} (5 attempts with backoff before failing)`],
      caveats: [
        ...(source ? [] : ['no source: Bottlerocket 1.33.0+ runs its default bootstrap image with this entry\'s user-data']),
        ...(command ? ['command replaces the image\'s entrypoint and command'] : []),
        NO_TIMEOUT,
      ],
    });
  }
  return { id: 'bootstrap-containers', title: 'bootstrap containers: all at once, in no order', order: 'parallel', target: 'configured.target', steps };
}

function rebootToReconcile(settings: TomlTable): Stage | undefined {
  const boot = settings.boot;
  if (!isTable(boot) || boot['reboot-to-reconcile'] !== true) return undefined;
  return {
    id: 'reboot-if-required',
    title: 'reboot to apply kernel and init parameters',
    order: 'sequential',
    target: 'multi-user.target',
    steps: [
      {
        name: 'reboot-if-required',
        from: 'settings.boot.reboot-to-reconcile',
        runs: 'every boot; reboots only when boot.kernel-parameters or init-parameters differ from the running kernel\'s',
        onFailure: 'continues',
        failure: 'the parameters apply from the next boot instead',
        log: 'journalctl -u reboot-if-required',
        cost: ['one extra reboot on the first boot when the parameters change'],
        caveats: [],
      },
    ],
  };
}

/** Host containers the OS defines itself (aws-host-containers.toml / public-host-containers.toml). */
function defaultHostContainers(family: VariantFamily): Record<string, boolean> {
  const aws = family.id.startsWith('aws-');
  return { admin: false, control: aws };
}

function hostContainers(settings: TomlTable, family: VariantFamily, skipped: Skipped[]): Stage {
  const defaults = defaultHostContainers(family);
  const user = new Map(entriesOf(settings, 'host-containers'));
  const names = [...new Set([...Object.keys(defaults), ...user.keys()])].sort(byteOrder);
  const steps: Step[] = [];
  for (const name of names) {
    const entry = user.get(name);
    const from = entry ? key('host-containers', name) : `Bottlerocket's default ${name} container`;
    const enabled = entry?.enabled === true || (entry?.enabled === undefined && defaults[name] === true);
    if (!enabled) {
      skipped.push({ name, from, reason: entry?.enabled === false ? 'enabled = false' : entry ? 'not enabled (enabled defaults to false)' : 'disabled by default' });
      continue;
    }
    const source = str(entry?.source);
    steps.push({
      name,
      from,
      ...(source ? { source } : {}),
      runs: 'every boot, kept running (restarted 45 s after it exits)',
      onFailure: 'continues',
      failure: 'restarted; boot is not affected',
      log: `journalctl -u host-containers@${name}`,
      cost: [`pulls ${source ?? `the default ${name} image`}`],
      caveats: [...(entry?.superpowered === true || (name === 'admin' && entry?.superpowered !== false) ? ['superpowered: privileged, with root access to the host'] : [])],
    });
  }
  return { id: 'host-containers', title: 'host containers: started together, kept running', order: 'parallel', target: 'multi-user.target', steps };
}

function orchestrator(settings: TomlTable, family: VariantFamily): Stage {
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
  return { id: 'orchestrator', title: family.orchestrator === 'none' ? 'no orchestrator agent on this variant' : 'orchestrator agent', order: 'sequential', target: 'multi-user.target', steps };
}

/** Canonical JSON: keys in a fixed (sorted) order, so equal plans have equal digests. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function planDigest(plan: Plan): string {
  const { digest: _ignored, ...rest } = plan;
  return 'sha256:' + createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
