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
import { toKeyPath } from '../model/diagnostic.js';
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
  /** Which layer last wrote each place, as a tree shaped like the document (see `originOf`). */
  origin: Origin;
  conflicts: Conflict[];
}

/**
 * The layer that wrote a place. A replaced value drops its subtree: everything under it was written by
 * the same layer, which `originOf` finds as the nearest written ancestor. So recording and forgetting
 * are constant time, where a map of every pointer was quadratic in the depth and the number of keys.
 */
export interface Origin {
  layer?: number;
  children?: Map<string, Origin>;
}

export function mergeLayers(layers: readonly Layer[]): Merged {
  const document = newTable();
  const origin: Origin = {};
  const conflicts: Conflict[] = [];
  layers.forEach((layer, index) => mergeInto({ index, conflicts, layers }, document, layer.document, origin));
  return { document, origin, conflicts };
}

/** The layer being merged, and where its conflicts are recorded. */
interface MergeContext {
  index: number;
  conflicts: Conflict[];
  layers: readonly Layer[];
}

/** A path as a chain to its parent, made into an array only for a conflict. */
interface PathLink {
  key: string;
  parent: PathLink | undefined;
}

function pathOf(link: PathLink): Path {
  const path: string[] = [];
  for (let l: PathLink | undefined = link; l; l = l.parent) path.push(l.key);
  return path.reverse();
}

/** Tables merge key by key, anything else is replaced; iterative, in the order the keys were written. */
function mergeInto(ctx: MergeContext, target: TomlTable, source: TomlTable, origin: Origin): void {
  interface Frame {
    target: TomlTable;
    source: TomlTable;
    keys: string[];
    next: number;
    origin: Origin;
    path: PathLink | undefined;
  }
  const frames: Frame[] = [{ target, source, keys: Object.keys(source), next: 0, origin, path: undefined }];
  while (frames.length > 0) {
    const f = frames[frames.length - 1]!;
    if (f.next >= f.keys.length) {
      frames.pop();
      continue;
    }
    const key = f.keys[f.next++]!;
    const link: PathLink = { key, parent: f.path };
    const incoming = f.source[key]!;
    const hasExisting = Object.hasOwn(f.target, key);
    const existing = hasExisting ? f.target[key] : undefined;
    const children = (f.origin.children ??= new Map<string, Origin>());
    if (hasExisting && isTable(existing) !== isTable(incoming))
      ctx.conflicts.push(conflict(ctx, pathOf(link), existing!, incoming, f.origin));
    if (isTable(incoming) && isTable(existing)) {
      let child = children.get(key);
      if (!child) children.set(key, (child = { layer: ctx.index }));
      frames.push({ target: existing, source: incoming, keys: Object.keys(incoming), next: 0, origin: child, path: link });
      continue;
    }
    f.target[key] = cloneValue(incoming);
    children.set(key, { layer: ctx.index });
  }
}

function conflict(ctx: MergeContext, path: Path, existing: TomlValue, incoming: TomlValue, parent: Origin): Conflict {
  const key = path[path.length - 1] as string;
  const first = parent.children?.get(key)?.layer ?? 0;
  const { layers, index } = ctx;
  return {
    path,
    first,
    second: index,
    data: {
      where: toKeyPath(path),
      first: tomlTypeName(existing),
      firstLayer: layers[first]!.name,
      second: tomlTypeName(incoming),
      secondLayer: layers[index]!.name,
    },
  };
}

/** The layer that wrote a path, or its nearest written ancestor. */
export function originOf(merged: Merged, path: Path): number | undefined {
  let node: Origin | undefined = merged.origin;
  let found = node.layer;
  for (const seg of path) {
    node = node.children?.get(String(seg));
    if (!node) break;
    if (node.layer !== undefined) found = node.layer;
  }
  return found;
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
