/**
 * Normalization: the settings of a valid document in one canonical shape. It is a pure function of the
 * decoded tree (and the target release), and it changes only spelling, never meaning:
 *  - dotted keys, inline tables and table headers already decode to the same tree;
 *  - aliases become their canonical names (`creds` → `credentials`, `kernel` → `kernel-parameters`),
 *    as Bottlerocket's serde aliases store them;
 *  - every other pair of spellings that Bottlerocket's model deserializes to the same stored value is
 *    written one way (`x-canonical` in the schema, with its source): an enum alias as the variant
 *    name (`static` → `Static`), `"unlimited"` as -1, a size string as its byte count, a single taint
 *    as a one-element list, the table form of registry mirrors as the list of `{registry, endpoint}`
 *    Bottlerocket stores; a list form only where the target release accepts it;
 *  - keys are sorted in byte order everywhere, `boot.kernel-parameters` and `boot.init-parameters`
 *    included: released Bottlerocket does not keep their written order either (prairiedog reads them
 *    into a HashMap and, since bottlerocket-core-kit 11.0.0, PR #735, writes the boot config lines
 *    sorted; bottlerocket-os/bottlerocket issue #3647), so the sorted form is what the kernel gets;
 *  - all other values are kept exactly as written (strings are not trimmed, URLs not rewritten).
 * Top-level keys other than `settings` are dropped, as Bottlerocket drops them; the check reports each one.
 */
import type { Path } from '../model/diagnostic.js';
import { isTable, newTable, type TomlTable, type TomlValue } from '../model/value.js';
import { admittedTypes, childSchema, deref, firstStructuralBranch, loadSchema, typeAdmitted, type SchemaNode } from '../schema/bundle.js';
import { isAvailable } from '../targets/releases.js';
import { byteOrder } from '../util/byte-order.js';
import { byteSizeValue } from '../validate/formats.js';

export interface Normalized {
  /** `{ settings: … }` in canonical shape. */
  document: TomlTable;
}

/** What the walk needs besides the value: the schema root and the target release (the newest when absent). */
interface Walk {
  root: SchemaNode;
  release: string | undefined;
}

export function normalizeDocument(doc: TomlTable, options: { release?: string; root?: SchemaNode } = {}): Normalized {
  const walk: Walk = { root: options.root ?? loadSchema(), release: options.release };
  const out = newTable();
  const settings = doc.settings;
  const settingsSchema = childSchema(walk.root, 'settings', walk.root);
  out.settings = isTable(settings) && settingsSchema ? normalizeTable(settings, settingsSchema, ['settings'], walk) : newTable();
  return { document: out };
}

/**
 * The canonical spelling of a value, by the `x-canonical` of its schema: a map from spelling to stored
 * value, or the name of a conversion. Values it does not cover are returned as they are.
 */
function canonicalValue(v: TomlValue, node: SchemaNode, walk: Walk): TomlValue {
  const canonical = node['x-canonical'];
  if (canonical === undefined) return v;
  if (typeof canonical === 'object') return typeof v === 'string' && Object.hasOwn(canonical, v) ? canonical[v]! : v;
  if (canonical === 'byte-count') {
    const bytes = typeof v === 'string' ? byteSizeValue(v) : undefined;
    if (bytes === undefined) return v;
    return bytes <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(bytes) : bytes;
  }
  if (!listFormInRelease(node, walk)) return v;
  if (canonical === 'list') return typeof v === 'string' ? [v] : v;
  // 'mirror-list': the table form, registry → endpoints, is stored as one {registry, endpoint} per key
  if (!isTable(v)) return v;
  return Object.keys(v)
    .sort(byteOrder)
    .map((registry) => {
      const entry = newTable();
      entry.registry = registry;
      entry.endpoint = v[registry]!;
      return entry;
    });
}

/** Whether the target release accepts the list form (the `anyOf` branch for arrays, and its `x-since`). */
function listFormInRelease(node: SchemaNode, walk: Walk): boolean {
  const branch = (node.anyOf ?? []).find((b) => typeAdmitted(admittedTypes(b, walk.root), 'array'));
  const since = branch ? deref(branch, walk.root)['x-since'] : undefined;
  return since === undefined || walk.release === undefined || isAvailable(since, walk.release);
}

function normalizeValue(written: TomlValue, schema: SchemaNode | undefined, path: Path, walk: Walk): TomlValue {
  const { root } = walk;
  const v = schema ? canonicalValue(written, deref(schema, root), walk) : written;
  if (Array.isArray(v)) {
    const items = schema ? firstStructuralBranch(schema, 'array', root) : undefined;
    return v.map((x, i) => normalizeValue(x, items ? childSchema(items, i, root) : undefined, [...path, i], walk));
  }
  if (isTable(v)) return normalizeTable(v, schema, path, walk);
  return v;
}

function normalizeTable(t: TomlTable, schema: SchemaNode | undefined, path: Path, walk: Walk): TomlTable {
  const { root } = walk;
  const node = schema ? deref(firstStructuralBranch(schema, 'object', root), root) : undefined;
  const entries: Array<[string, TomlValue]> = [];
  for (const key of Object.keys(t)) {
    const child = node ? childSchema(node, key, root) : undefined;
    const alias = child ? deref(child, root)['x-alias-of'] : undefined;
    const name = alias ?? key;
    const target = alias && node ? childSchema(node, alias, root) : child;
    entries.push([name, normalizeValue(t[key]!, target, [...path, name], walk)]);
  }
  entries.sort(([a], [b]) => byteOrder(a, b));
  const out = newTable();
  for (const [k, v] of entries) out[k] = v;
  return out;
}
