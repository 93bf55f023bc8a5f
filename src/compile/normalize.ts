/**
 * Normalization: the settings of a valid document in one canonical shape. It is a pure function of the
 * decoded tree, and it changes only spelling, never meaning:
 *  - dotted keys, inline tables and table headers already decode to the same tree;
 *  - aliases become their canonical names (`creds` → `credentials`, `kernel` → `kernel-parameters`),
 *    as Bottlerocket's serde aliases store them;
 *  - keys are sorted in byte order, except in maps whose order Bottlerocket keeps (`x-ordered`, e.g.
 *    `boot.kernel-parameters`, where `hugepagesz` must come before `hugepages`);
 *  - values are kept exactly as written (strings are not trimmed, URLs not rewritten, integers exact).
 * Top-level keys other than `settings` are dropped, as Bottlerocket drops them; the check reports each one.
 */
import type { Path } from '../model/diagnostic.js';
import { isTable, newTable, type TomlTable, type TomlValue } from '../model/value.js';
import { childSchema, deref, firstStructuralBranch, loadSchema, type SchemaNode } from '../schema/bundle.js';
import { byteOrder } from '../util/byte-order.js';

export interface Normalized {
  /** `{ settings: … }` in canonical shape. */
  document: TomlTable;
  /** Paths (as key arrays, without indices) of tables whose key order is kept. */
  orderedPaths: string[][];
}

export function normalizeDocument(doc: TomlTable, root: SchemaNode = loadSchema()): Normalized {
  const orderedPaths: string[][] = [];
  const out = newTable();
  const settings = doc.settings;
  const settingsSchema = childSchema(root, 'settings', root);
  out.settings =
    isTable(settings) && settingsSchema ? normalizeTable(settings, settingsSchema, ['settings'], orderedPaths, root) : newTable();
  return { document: out, orderedPaths };
}

function normalizeValue(v: TomlValue, schema: SchemaNode | undefined, path: Path, ordered: string[][], root: SchemaNode): TomlValue {
  if (Array.isArray(v)) {
    const items = schema ? firstStructuralBranch(schema, 'array', root) : undefined;
    return v.map((x, i) => normalizeValue(x, items ? childSchema(items, i, root) : undefined, [...path, i], ordered, root));
  }
  if (isTable(v)) return normalizeTable(v, schema, path, ordered, root);
  return v;
}

function normalizeTable(t: TomlTable, schema: SchemaNode | undefined, path: Path, ordered: string[][], root: SchemaNode): TomlTable {
  const node = schema ? deref(firstStructuralBranch(schema, 'object', root), root) : undefined;
  const keepOrder = node?.['x-ordered'] === true;
  if (keepOrder) ordered.push(path.filter((p): p is string => typeof p === 'string'));
  const entries: Array<[string, TomlValue]> = [];
  for (const key of Object.keys(t)) {
    const child = node ? childSchema(node, key, root) : undefined;
    const alias = child ? deref(child, root)['x-alias-of'] : undefined;
    const name = alias ?? key;
    const target = alias && node ? childSchema(node, alias, root) : child;
    entries.push([name, normalizeValue(t[key]!, target, [...path, name], ordered, root)]);
  }
  if (!keepOrder) entries.sort(([a], [b]) => byteOrder(a, b));
  const out = newTable();
  for (const [k, v] of entries) out[k] = v;
  return out;
}
