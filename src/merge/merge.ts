/**
 * Layered user-data: a base and overlays merged in order, later wins per key, as Bottlerocket applies
 * its user-data providers one after another (each a PATCH of the settings: tables merge, everything
 * else, arrays included, is replaced; bottlerocket-core-kit sources/early-boot-config).
 *
 * Each value of the result remembers the layer that set it, so a finding on the merged document points
 * at the file and line where the value was written. A key that is a table in one layer and a value in
 * another is a conflict: it is reported at both places, because one layer's intent is lost either way.
 */
import type { Finding, MessageData, Path } from '../model/diagnostic.js';
import { toKeyPath, toPointer } from '../model/diagnostic.js';
import { cloneValue, isTable, newTable, tomlTypeName, type TomlTable, type TomlValue } from '../model/value.js';
import { verdict } from '../rules/verdicts.js';

export interface Layer {
  name: string;
  document: TomlTable;
}

export interface Conflict {
  path: Path;
  /** The layer with the earlier value, and the one that tried to replace it. */
  first: number;
  second: number;
  data: MessageData;
}

export interface Merged {
  document: TomlTable;
  /** For each pointer that a layer wrote, the index of the last layer that wrote it. */
  origin: Map<string, number>;
  conflicts: Conflict[];
}

export function mergeLayers(layers: readonly Layer[]): Merged {
  const document = newTable();
  const origin = new Map<string, number>();
  const conflicts: Conflict[] = [];
  layers.forEach((layer, index) => mergeInto({ index, origin, conflicts, layers }, document, layer.document, []));
  return { document, origin, conflicts };
}

function record(value: TomlValue, path: Path, index: number, origin: Map<string, number>): void {
  origin.set(toPointer(path), index);
  if (isTable(value)) for (const k of Object.keys(value)) record(value[k]!, [...path, k], index, origin);
  else if (Array.isArray(value)) value.forEach((v, i) => record(v, [...path, i], index, origin));
}

function forget(path: Path, origin: Map<string, number>): void {
  const prefix = toPointer(path) + '/';
  for (const k of [...origin.keys()]) if (k.startsWith(prefix)) origin.delete(k);
}

/** The layer being merged, and where its origins and conflicts are recorded. */
interface MergeContext {
  index: number;
  origin: Map<string, number>;
  conflicts: Conflict[];
  layers: readonly Layer[];
}

function mergeInto(ctx: MergeContext, target: TomlTable, source: TomlTable, path: Path): void {
  const { index, origin, conflicts, layers } = ctx;
  for (const key of Object.keys(source)) {
    const childPath = [...path, key];
    const incoming = source[key]!;
    const hasExisting = Object.hasOwn(target, key);
    const existing = hasExisting ? target[key] : undefined;
    if (hasExisting && isTable(existing) !== isTable(incoming)) {
      const first = origin.get(toPointer(childPath)) ?? 0;
      conflicts.push({
        path: childPath,
        first,
        second: index,
        data: {
          where: toKeyPath(childPath),
          first: tomlTypeName(existing),
          firstLayer: layers[first]!.name,
          second: tomlTypeName(incoming),
          secondLayer: layers[index]!.name,
        },
      });
    }
    if (isTable(incoming) && isTable(existing)) {
      if (!origin.has(toPointer(childPath))) origin.set(toPointer(childPath), index);
      mergeInto(ctx, existing, incoming, childPath);
      continue;
    }
    forget(childPath, origin);
    target[key] = cloneValue(incoming);
    record(incoming, childPath, index, origin);
  }
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
  return conflicts.flatMap((c) => {
    const finding = verdict('merge/conflict', 'conflict', c.data, { path: c.path, at: 'key' });
    return [
      { layer: c.first, finding },
      { layer: c.second, finding },
    ];
  });
}
