/**
 * Semantic diff of two user-data documents: their normalized settings key by key, and their boot plans
 * step by step. Formatting, comments, key order, dotted-versus-table spelling and aliases make no
 * difference because both sides are normalized first. Arrays are compared whole (Bottlerocket replaces
 * them whole). Secret values (`x-secret` in the schemas) are masked unless asked for.
 */
import type { Path } from '../model/diagnostic.js';
import { fromPointer, toKeyPath, toPointer } from '../model/diagnostic.js';
import { isTable, TomlDateTime, TomlFloat, type TomlTable, type TomlValue } from '../model/value.js';
import type { Plan, Step } from '../plan/types.js';
import { loadSchema, type SchemaNode } from '../schema/bundle.js';
import { maskSecrets } from '../schema/secrets.js';
import { byteOrder } from '../util/byte-order.js';
import { canonicalJson } from '../util/canonical-json.js';

export interface Change {
  op: 'add' | 'remove' | 'change';
  pointer: string;
  keyPath: string;
  old?: TomlValue;
  new?: TomlValue;
}

export interface PlanChange {
  op: 'add' | 'remove' | 'change' | 'reorder';
  stage: string;
  step?: string;
  field?: string;
  old?: unknown;
  new?: unknown;
}

function same(a: TomlValue, b: TomlValue): boolean {
  return canonicalJson(plain(a)) === canonicalJson(plain(b));
}

/** A comparable form: floats and integers stay distinct (110 is not 110.0 for Bottlerocket). */
function plain(v: TomlValue): unknown {
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') return { int: String(v) };
  if (v instanceof TomlFloat) return { float: v.text.toLowerCase() === 'nan' ? 'nan' : String(v.value) };
  if (v instanceof TomlDateTime) return { datetime: v.text };
  if (Array.isArray(v)) return v.map(plain);
  if (isTable(v)) return Object.fromEntries(Object.keys(v).map((k) => [k, plain(v[k]!)]));
  return v;
}

export function diffSettings(a: TomlTable, b: TomlTable, path: Path = []): Change[] {
  const changes: Change[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byteOrder);
  for (const k of keys) {
    const p = [...path, k];
    const inA = Object.hasOwn(a, k);
    const inB = Object.hasOwn(b, k);
    if (!inB)
      changes.push(...leaves(a[k]!, p).map(([q, v]) => ({ op: 'remove' as const, pointer: toPointer(q), keyPath: toKeyPath(q), old: v })));
    else if (!inA)
      changes.push(...leaves(b[k]!, p).map(([q, v]) => ({ op: 'add' as const, pointer: toPointer(q), keyPath: toKeyPath(q), new: v })));
    else if (isTable(a[k]) && isTable(b[k])) changes.push(...diffSettings(a[k], b[k], p));
    else if (!same(a[k]!, b[k]!)) changes.push({ op: 'change', pointer: toPointer(p), keyPath: toKeyPath(p), old: a[k]!, new: b[k]! });
  }
  return changes;
}

/** The non-table values under a path (a whole added or removed table is listed key by key). */
function leaves(v: TomlValue, path: Path): Array<[Path, TomlValue]> {
  if (!isTable(v)) return [[path, v]];
  const keys = Object.keys(v);
  if (keys.length === 0) return [[path, v]];
  return keys.flatMap((k) => leaves(v[k]!, [...path, k]));
}

export function maskChange(c: Change, root: SchemaNode = loadSchema()): Change {
  const path = fromPointer(c.pointer);
  const masked = { ...c };
  if (c.old !== undefined) masked.old = maskSecrets(c.old, path, root);
  if (c.new !== undefined) masked.new = maskSecrets(c.new, path, root);
  return masked;
}

const STEP_FIELDS: Array<keyof Step> = ['mode', 'essential', 'commands', 'command', 'source', 'onFailure'];

export function diffPlans(a: Plan, b: Plan): PlanChange[] {
  const stageIds = [...new Set([...a.stages.map((s) => s.id), ...b.stages.map((s) => s.id)])];
  return stageIds.flatMap((id) => {
    const before = a.stages.find((s) => s.id === id);
    const after = b.stages.find((s) => s.id === id);
    const sequential = (after ?? before)?.order === 'sequential';
    return diffSteps(id, before?.steps ?? [], after?.steps ?? [], sequential);
  });
}

/**
 * The steps of one stage: removed, added and changed ones; in a sequential stage also a step that now
 * runs at another position (an entry added or removed before it changes what ran before it).
 */
function diffSteps(stage: string, sa: readonly Step[], sb: readonly Step[], sequential: boolean): PlanChange[] {
  const changes: PlanChange[] = [];
  const beforeAt = new Map(sa.map((step, i) => [step.name, i]));
  const afterNames = new Set(sb.map((step) => step.name));
  for (const step of sa) if (!afterNames.has(step.name)) changes.push({ op: 'remove', stage, step: step.name });
  for (const step of sb) if (!beforeAt.has(step.name)) changes.push({ op: 'add', stage, step: step.name });
  for (const step of sb) {
    const j = beforeAt.get(step.name);
    if (j !== undefined) changes.push(...fieldChanges(stage, sa[j]!, step));
  }
  if (!sequential) return changes;
  sb.forEach((step, i) => {
    const j = beforeAt.get(step.name);
    if (j !== undefined && j !== i) changes.push({ op: 'reorder', stage, step: step.name, old: j + 1, new: i + 1 });
  });
  return changes;
}

function fieldChanges(stage: string, before: Step, after: Step): PlanChange[] {
  return STEP_FIELDS.filter((field) => canonicalJson(before[field]) !== canonicalJson(after[field])).map((field) => ({
    op: 'change' as const,
    stage,
    step: after.name,
    field,
    old: before[field],
    new: after[field],
  }));
}
