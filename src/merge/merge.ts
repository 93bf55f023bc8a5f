/**
 * Layered user-data: a base and overlays merged in order, later wins per key, as Bottlerocket applies
 * its user-data providers one after another (each a PATCH of the settings: tables merge, everything
 * else, arrays included, is replaced; bottlerocket-core-kit sources/early-boot-config).
 *
 * Each value of the result remembers the layer that set it, so a finding on the merged document points
 * at the file and line where the value was written. A key that is a table in one layer and a value in
 * another is a conflict: it is reported at both places, because one layer's intent is lost either way.
 */
import type { Finding, Path } from '../diagnostics.js';
import { toKeyPath, toPointer } from '../diagnostics.js';
import type { PositionIndex } from '../parse/positions.js';
import { isTable, newTable, tomlTypeName, type TomlTable, type TomlValue } from '../parse/value.js';

export interface Layer {
  name: string;
  text: string;
  document: TomlTable;
  positions: PositionIndex;
}

export interface Conflict {
  path: Path;
  /** The layer with the earlier value, and the one that tried to replace it. */
  first: number;
  second: number;
  message: string;
}

export interface Merged {
  document: TomlTable;
  /** For each pointer that a layer wrote, the index of the last layer that wrote it. */
  origin: Map<string, number>;
  conflicts: Conflict[];
}

export function mergeLayers(layers: Layer[]): Merged {
  const document = newTable();
  const origin = new Map<string, number>();
  const conflicts: Conflict[] = [];
  layers.forEach((layer, index) => mergeInto(document, layer.document, [], index, origin, conflicts, layers));
  return { document, origin, conflicts };
}

function record(value: TomlValue, path: Path, index: number, origin: Map<string, number>): void {
  origin.set(toPointer(path), index);
  if (isTable(value)) for (const k of Object.keys(value)) record(value[k], [...path, k], index, origin);
  else if (Array.isArray(value)) value.forEach((v, i) => record(v, [...path, i], index, origin));
}

function forget(path: Path, origin: Map<string, number>): void {
  const prefix = toPointer(path) + '/';
  for (const k of [...origin.keys()]) if (k.startsWith(prefix)) origin.delete(k);
}

function mergeInto(target: TomlTable, source: TomlTable, path: Path, index: number, origin: Map<string, number>, conflicts: Conflict[], layers: Layer[]): void {
  for (const key of Object.keys(source)) {
    const childPath = [...path, key];
    const incoming = source[key];
    const hasExisting = Object.prototype.hasOwnProperty.call(target, key);
    const existing = hasExisting ? target[key] : undefined;
    if (hasExisting && isTable(existing) !== isTable(incoming)) {
      const first = origin.get(toPointer(childPath)) ?? 0;
      conflicts.push({
        path: childPath,
        first,
        second: index,
        message: `${toKeyPath(childPath)} is ${tomlTypeName(existing)} in ${layers[first].name} but ${tomlTypeName(incoming)} in ${layers[index].name}: a table and a value cannot be merged`,
      });
    }
    if (isTable(incoming) && isTable(existing)) {
      if (!origin.has(toPointer(childPath))) origin.set(toPointer(childPath), index);
      mergeInto(existing, incoming, childPath, index, origin, conflicts, layers);
      continue;
    }
    forget(childPath, origin);
    target[key] = isTable(incoming) ? cloneTable(incoming) : incoming;
    record(incoming, childPath, index, origin);
  }
}

function cloneTable(t: TomlTable): TomlTable {
  const out = newTable();
  for (const k of Object.keys(t)) out[k] = isTable(t[k]) ? cloneTable(t[k] as TomlTable) : t[k];
  return out;
}

/** The layer that wrote a path, or its nearest written ancestor. */
export function originOf(merged: Merged, path: Path): number | undefined {
  const p = [...path];
  while (true) {
    const hit = merged.origin.get(toPointer(p));
    if (hit !== undefined) return hit;
    if (p.length === 0) return undefined;
    p.pop();
  }
}

/** Conflicts as findings, one in each layer involved. */
export function conflictFindings(conflicts: Conflict[]): Array<{ layer: number; finding: Finding }> {
  return conflicts.flatMap((c) => [
    { layer: c.first, finding: { ruleId: 'merge/conflict', message: c.message, path: c.path, at: 'key' as const } },
    { layer: c.second, finding: { ruleId: 'merge/conflict', message: c.message, path: c.path, at: 'key' as const } },
  ]);
}
