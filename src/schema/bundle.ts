/**
 * Run-time access to the bundled schema (built from schemas/ by scripts/build-schemas.ts). It is read
 * as data, never compiled: messages, release and variant checks, `brud explain` and `brud schema` look
 * things up in it.
 */
import { bundledSchema } from '#generated/schema.js';
import { fromPointer } from '../model/diagnostic.js';

export type SchemaNode = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  items?: SchemaNode | boolean;
  prefixItems?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  $defs?: Record<string, SchemaNode>;
  'x-source'?: string | string[];
  'x-since'?: string;
  'x-since-source'?: string;
  'x-deprecated'?: { since: string; message?: string; replacement?: string };
  'x-modeled-type'?: string;
  'x-rule'?: string;
  'x-alias-of'?: string;
  'x-secret'?: boolean;
  'x-default-note'?: string;
  'x-key-since'?: Record<string, string>;
  'x-enum-since'?: Record<string, string>;
  'x-ignores-unknown'?: boolean;
  /**
   * Spellings the model deserializes to one stored value, and that value: a map from spelling to the
   * canonical value, or a conversion (`byte-count`, `list`, `mirror-list`). Read by normalization.
   */
  'x-canonical'?: Readonly<Record<string, string | number>> | 'byte-count' | 'list' | 'mirror-list';
  /** A field whose own deserializer refuses null (what `nan`/`inf` become): why, for the message. */
  'x-null-rejected'?: string;
  /** Before `release`, the value rule was `pattern` (and no format): an older model's check. */
  'x-before'?: { release: string; pattern: string; rule: string; source: string };
  [k: string]: unknown;
};

export function loadSchema(): SchemaNode {
  return bundledSchema();
}

const derefCache = new WeakMap<SchemaNode, SchemaNode>();

/** Resolves a local `#/$defs/Name` reference; other nodes are returned as they are. */
export function deref(node: SchemaNode, root: SchemaNode = loadSchema()): SchemaNode {
  if (!node.$ref) return node;
  const hit = derefCache.get(node);
  if (hit) return hit;
  let cur = node;
  for (let i = 0; cur.$ref && i < 32; i++) {
    const m = /^#\/\$defs\/(.+)$/.exec(cur.$ref);
    const target = m ? root.$defs?.[m[1]!] : atPointer(root, cur.$ref.replace(/^#/, ''));
    if (!target) break;
    // keep annotations written beside the $ref (description, x-since…) visible on the result
    const { $ref: _ref, ...beside } = cur;
    cur = { ...target, ...beside };
  }
  derefCache.set(node, cur);
  return cur;
}

/** The schema node at a JSON pointer inside the schema document. */
export function atPointer(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let cur: unknown = root;
  for (const seg of fromPointer(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur !== null && typeof cur === 'object' ? (cur as SchemaNode) : undefined;
}

/** The JSON types a schema node admits ("number" includes "integer"); undefined = any. */
export function admittedTypes(node: SchemaNode, root: SchemaNode = loadSchema()): Set<string> | undefined {
  const n = deref(node, root);
  const branches = n.anyOf ?? n.oneOf;
  if (branches) {
    const out = new Set<string>();
    for (const b of branches) {
      const t = admittedTypes(b, root);
      if (!t) return undefined;
      t.forEach((x) => out.add(x));
    }
    return out;
  }
  if (n.type !== undefined) return new Set(Array.isArray(n.type) ? n.type : [n.type]);
  const values = n.enum ?? (n.const !== undefined ? [n.const] : undefined);
  if (values) return new Set(values.map(jsonTypeOf));
  return undefined;
}

export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'bigint') return 'integer';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** Whether a value of JSON type `t` is admitted by a set of schema types. */
export function typeAdmitted(types: Set<string> | undefined, t: string): boolean {
  if (!types) return true;
  return types.has(t) || (t === 'integer' && types.has('number'));
}

/**
 * The schema for a child of an object or array node: a named property, the map's value schema, or
 * the array's item schema. Undefined when the child is not allowed (an unknown key).
 */
export function childSchema(parent: SchemaNode, key: string | number, root: SchemaNode = loadSchema()): SchemaNode | undefined {
  const n = deref(parent, root);
  if (typeof key === 'number') {
    if (n.prefixItems && key < n.prefixItems.length) return n.prefixItems[key];
    return typeof n.items === 'object' ? n.items : undefined;
  }
  if (n.properties && Object.hasOwn(n.properties, key)) return n.properties[key];
  return typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined;
}

/** Follows a document path through the schema (taking the branch of an `anyOf` that fits `value`). */
export function schemaAtPath(path: ReadonlyArray<string | number>, root: SchemaNode = loadSchema()): SchemaNode | undefined {
  let cur: SchemaNode | undefined = root;
  for (const seg of path) {
    if (!cur) return undefined;
    cur = childSchema(firstStructuralBranch(cur, typeof seg === 'number' ? 'array' : 'object', root), seg, root);
  }
  return cur;
}

/** For an `anyOf`, the first branch that admits values of the given JSON type; else the node itself. */
export function firstStructuralBranch(node: SchemaNode, jsonType: string, root: SchemaNode = loadSchema()): SchemaNode {
  const n = deref(node, root);
  const branches = n.anyOf ?? n.oneOf;
  if (!branches) return n;
  return branches.find((b) => typeAdmitted(admittedTypes(b, root), jsonType)) ?? n;
}

let keyHomes: Map<string, string[]> | undefined;

/**
 * The namespaces that have `key` as one of their own settings (`cluster-name` → settings.kubernetes),
 * for "did you mean" when a key is written at the wrong level.
 */
export function namespacesWithKey(key: string, root: SchemaNode = loadSchema()): string[] {
  if (!keyHomes) {
    keyHomes = new Map();
    const namespaces = deref(childSchema(root, 'settings', root) ?? {}, root).properties ?? {};
    for (const [ns, schema] of Object.entries(namespaces)) {
      const props = firstStructuralBranch(schema, 'object', root).properties ?? {};
      for (const k of Object.keys(props)) keyHomes.set(k, [...(keyHomes.get(k) ?? []), `settings.${ns}`]);
    }
  }
  return keyHomes.get(key) ?? [];
}
