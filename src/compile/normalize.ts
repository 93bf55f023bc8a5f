/**
 * Normalization: the settings of a valid document in one canonical shape. It is a pure function of the
 * decoded tree, and it changes only spelling, never meaning:
 *  - dotted keys, inline tables and table headers already decode to the same tree;
 *  - aliases become their canonical names (`creds` → `credentials`, `kernel` → `kernel-parameters`),
 *    as Bottlerocket's serde aliases store them;
 *  - keys are sorted in byte order everywhere, `boot.kernel-parameters` and `boot.init-parameters`
 *    included: released Bottlerocket does not keep their written order either (prairiedog reads them
 *    into a HashMap and, since bottlerocket-core-kit 11.0.0, PR #735, writes the boot config lines
 *    sorted; bottlerocket-os/bottlerocket issue #3647), so the sorted form is what the kernel gets;
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
}

export function normalizeDocument(doc: TomlTable, root: SchemaNode = loadSchema()): Normalized {
  const out = newTable();
  const settings = doc.settings;
  const settingsSchema = childSchema(root, 'settings', root);
  out.settings = isTable(settings) && settingsSchema ? normalizeTable(settings, settingsSchema, ['settings'], root) : newTable();
  return { document: out };
}

function normalizeValue(v: TomlValue, schema: SchemaNode | undefined, path: Path, root: SchemaNode): TomlValue {
  if (Array.isArray(v)) {
    const items = schema ? firstStructuralBranch(schema, 'array', root) : undefined;
    return v.map((x, i) => normalizeValue(x, items ? childSchema(items, i, root) : undefined, [...path, i], root));
  }
  if (isTable(v)) return normalizeTable(v, schema, path, root);
  return v;
}

function normalizeTable(t: TomlTable, schema: SchemaNode | undefined, path: Path, root: SchemaNode): TomlTable {
  const node = schema ? deref(firstStructuralBranch(schema, 'object', root), root) : undefined;
  const entries: Array<[string, TomlValue]> = [];
  for (const key of Object.keys(t)) {
    const child = node ? childSchema(node, key, root) : undefined;
    const alias = child ? deref(child, root)['x-alias-of'] : undefined;
    const name = alias ?? key;
    const target = alias && node ? childSchema(node, alias, root) : child;
    entries.push([name, normalizeValue(t[key]!, target, [...path, name], root)]);
  }
  entries.sort(([a], [b]) => byteOrder(a, b));
  const out = newTable();
  for (const [k, v] of entries) out[k] = v;
  return out;
}
