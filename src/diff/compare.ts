/**
 * `diff`: two checked documents compared as the node would see them: their normalized settings key by
 * key, their boot plans step by step, and a unified diff of their canonical TOML. Either side may have
 * errors (a reviewer wants to see what changed even then); secrets are masked unless asked for.
 */
import { createTwoFilesPatch } from 'diff';
import { resolveTarget } from '../check/resolve-target.js';
import type { CheckOptions, DocumentResult } from '../check/types.js';
import { normalizeDocument } from '../compile/normalize.js';
import { writeToml } from '../emit/toml-writer.js';
import { newTable, type TomlTable } from '../model/value.js';
import { buildPlan } from '../plan/plan.js';
import type { Plan } from '../plan/types.js';
import type { Target } from '../targets/target.js';
import { maskSecrets } from '../schema/secrets.js';
import { diffPlans, diffSettings, maskChange, type Change, type PlanChange } from './diff.js';

export interface DiffOptions {
  /** Print secret values instead of masking them. */
  showSecrets?: boolean;
  /** Names of the two sides in the unified diff (default: their file names). */
  oldName?: string;
  newName?: string;
  /** Lines of context in the unified diff. */
  context?: number;
}

export interface DiffReport {
  oldName: string;
  newName: string;
  /** Same settings after normalization. */
  equal: boolean;
  changes: Change[];
  plan: { equal: boolean; oldDigest: string; newDigest: string; changes: PlanChange[] };
  /** Unified diff of the (masked) canonical TOML; empty when the settings are equal. */
  patch: string;
}

interface Side {
  name: string;
  settings: TomlTable;
  plan: Plan;
}

/** Compares two documents; each must have parsed (its `document`), or be empty user-data. */
export function diffDocuments(
  a: DocumentResult,
  b: DocumentResult,
  options: DiffOptions & Pick<CheckOptions, 'variant' | 'osVersion'> = {},
): DiffReport {
  const [sa, sb] = [side(a, options.oldName, options), side(b, options.newName, options)];
  const show = options.showSecrets === true;
  const changes = diffSettings(sa.settings, sb.settings).map((c) => (show ? c : maskChange(c)));
  const patch = changes.length > 0 ? unifiedPatch(sa, sb, show, options.context ?? 3) : '';
  return {
    oldName: sa.name,
    newName: sb.name,
    equal: changes.length === 0,
    changes,
    plan: {
      equal: sa.plan.digest === sb.plan.digest,
      oldDigest: sa.plan.digest,
      newDigest: sb.plan.digest,
      changes: diffPlans(sa.plan, sb.plan),
    },
    patch,
  };
}

function side(result: DocumentResult, name: string | undefined, options: Pick<CheckOptions, 'variant' | 'osVersion'>): Side {
  // a document no variant accepts (already reported) is compared as the default target reads it
  const target: Target = result.target ?? resolveTarget(undefined, options).target!;
  const normalized = normalizeDocument(result.document ?? newTable(), { release: target.release });
  return {
    name: name ?? result.file,
    settings: normalized.document,
    plan: buildPlan(normalized.document, target),
  };
}

function unifiedPatch(a: Side, b: Side, show: boolean, context: number): string {
  const toml = (s: Side) => {
    const settings = show ? s.settings : (maskSecrets(s.settings, []) as TomlTable);
    return writeToml(settings);
  };
  return createTwoFilesPatch(`${a.name} (normalized)`, `${b.name} (normalized)`, toml(a), toml(b), undefined, undefined, {
    context,
  }).replace(/^=+\n/, '');
}
