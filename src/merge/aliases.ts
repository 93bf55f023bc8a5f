/**
 * Aliases resolved per layer before merging: Bottlerocket applies each user-data source as its own
 * PATCH of the settings, so `creds` in one layer and `credentials` in a later one are the same setting,
 * and the later wins. (Both spellings in one layer stay as written: Bottlerocket rejects that document,
 * and the check says so.) The written key of each renamed path is kept, so findings still point at
 * the layer's own text.
 */
import { toPointer, type Path } from '../model/diagnostic.js';
import { isTable, newTable, type TomlTable, type TomlValue } from '../model/value.js';
import { childSchema, deref, firstStructuralBranch, loadSchema, type SchemaNode } from '../schema/bundle.js';

export interface CanonicalLayer {
  document: TomlTable;
  /** The path as the layer wrote it, for a path in `document`. */
  written: (path: Path) => Path;
}

export function canonicalLayer(doc: TomlTable, root: SchemaNode = loadSchema()): CanonicalLayer {
  const renamed = new Map<string, string>();
  const document = newTable();
  for (const key of Object.keys(doc)) {
    const schema = key === 'settings' ? childSchema(root, 'settings', root) : undefined;
    document[key] = canonicalValue(doc[key]!, schema, [key], { root, renamed });
  }
  const written = (path: Path): Path => {
    const out: Array<string | number> = [];
    path.forEach((seg, i) => out.push(typeof seg === 'string' ? (renamed.get(toPointer(path.slice(0, i + 1))) ?? seg) : seg));
    return out;
  };
  return { document, written };
}

interface Walk {
  root: SchemaNode;
  /** Canonical pointer → the key the layer wrote. */
  renamed: Map<string, string>;
}

function canonicalValue(v: TomlValue, schema: SchemaNode | undefined, path: Path, w: Walk): TomlValue {
  if (!schema) return v;
  if (Array.isArray(v)) {
    const items = firstStructuralBranch(schema, 'array', w.root);
    return v.map((x, i) => canonicalValue(x, childSchema(items, i, w.root), [...path, i], w));
  }
  if (!isTable(v)) return v;
  const node = deref(firstStructuralBranch(schema, 'object', w.root), w.root);
  const out = newTable();
  for (const key of Object.keys(v)) {
    const child = childSchema(node, key, w.root);
    const alias = child ? deref(child, w.root)['x-alias-of'] : undefined;
    const name = alias !== undefined && !Object.hasOwn(v, alias) ? alias : key;
    if (name !== key) w.renamed.set(toPointer([...path, name]), key);
    out[name] = canonicalValue(v[key]!, childSchema(node, name, w.root), [...path, name], w);
  }
  return out;
}
