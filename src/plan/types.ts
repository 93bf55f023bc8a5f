/** The boot plan's data model (its JSON is documented in docs/output-formats.md). */
import type { Target } from '../targets/target.js';

export type OnFailure = 'halts-preconfigured' | 'halts-configured' | 'halts-multi-user' | 'continues' | 'node-does-not-join';

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

export type StageId =
  'user-data' | 'settings' | 'bootstrap-commands' | 'bootstrap-containers' | 'reboot-if-required' | 'host-containers' | 'orchestrator';

export interface Stage {
  id: StageId;
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
  /** The variant (or family) planned for. */
  variant: string;
  /** Whether the variant was given, or inferred from the settings (see `Target.variantSource`). */
  variantSource: Target['variantSource'];
  osVersion: string;
  boot: number;
  /** sha256 of the plan's canonical JSON without this field, so CI can pin what a node will do. */
  digest: string;
  stages: Stage[];
  skipped: Skipped[];
  notes: string[];
}
