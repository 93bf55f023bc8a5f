/**
 * Secrets: values the schemas mark `x-secret` (registry passwords and tokens, aws.credentials and
 * aws.config, kubernetes.bootstrap-token, server-key), and container `user-data` that decodes to a key
 * or credentials. Wherever brud prints a value (diff, messages, code frames), these are masked unless
 * the user asks to see them. The mask follows the schema, and still holds where the document's shape
 * strays from it (credentials written as a table instead of an array of tables).
 */
import type { Path, Span } from '../model/diagnostic.js';
import { MAX_SETTINGS_DEPTH } from '../model/limits.js';
import { isTable, newTable, type TomlValue } from '../model/value.js';
import { secretIn } from '../util/secret-text.js';
import { childSchema, deref, firstStructuralBranch, loadSchema, type SchemaNode } from './bundle.js';

export const MASK = '********';

let alwaysSecret: Set<string> | undefined;

/** Property names that are secret wherever the schema has them (`password`, `auth`…), for values whose shape lost the schema. */
function alwaysSecretNames(root: SchemaNode): Set<string> {
  if (alwaysSecret) return alwaysSecret;
  const secret = new Set<string>();
  const plain = new Set<string>();
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const props = (n as SchemaNode).properties;
    for (const [name, child] of Object.entries(props ?? {})) (deref(child, root)['x-secret'] === true ? secret : plain).add(name);
    for (const v of Object.values(n)) visit(v);
  };
  visit(root);
  alwaysSecret = new Set([...secret].filter((name) => !plain.has(name)));
  return alwaysSecret;
}

/** The schema of a value's child, also when a table stands where an array of tables is expected. */
function childOf(node: SchemaNode, key: string | number, value: TomlValue | undefined, root: SchemaNode): SchemaNode | undefined {
  const structural = firstStructuralBranch(node, typeof key === 'number' ? 'array' : 'object', root);
  const child = childSchema(structural, key, root);
  if (child || typeof key === 'number' || !isTable(value)) return child;
  const items = firstStructuralBranch(node, 'array', root).items;
  return typeof items === 'object' ? childSchema(firstStructuralBranch(items, 'object', root), key, root) : undefined;
}

/** Whether a document path holds a secret (a secret node on the way, or a secret name where the schema is lost). */
export function isSecretPath(path: Path, root: SchemaNode = loadSchema()): boolean {
  let node: SchemaNode | undefined = root;
  for (const seg of path) {
    node = node ? childOf(node, seg, undefined, root) : undefined;
    if (node ? deref(node, root)['x-secret'] === true : typeof seg === 'string' && alwaysSecretNames(root).has(seg)) return true;
  }
  return false;
}

/** A value with its secrets replaced by MASK, for printing. `path` is where the value sits in the document. */
export function maskSecrets(v: TomlValue, path: Path, root: SchemaNode = loadSchema()): TomlValue {
  if (isSecretPath(path, root)) return MASK;
  let node: SchemaNode | undefined = root;
  for (const seg of path) node = node ? childOf(node, seg, undefined, root) : undefined;
  return maskWith(v, node, path[path.length - 1], root);
}

function maskWith(v: TomlValue, schema: SchemaNode | undefined, key: string | number | undefined, root: SchemaNode): TomlValue {
  const node = schema ? deref(schema, root) : undefined;
  if (node ? node['x-secret'] === true : typeof key === 'string' && alwaysSecretNames(root).has(key)) return MASK;
  if (key === 'user-data' && typeof v === 'string' && secretIn(v)) return MASK;
  if (Array.isArray(v)) return v.map((x, i) => maskWith(x, node ? childOf(node, i, x, root) : undefined, key, root));
  if (!isTable(v)) return v;
  const out = newTable();
  for (const k of Object.keys(v)) out[k] = maskWith(v[k]!, node ? childOf(node, k, v[k], root) : undefined, k, root);
  return out;
}

/**
 * Every place in a document that holds a secret (the paths `maskSecrets` would mask), so that code
 * frames can mask them on whatever line they show, whichever finding the frame is for.
 */
export function secretPaths(doc: TomlValue, root: SchemaNode = loadSchema()): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const visit = (v: TomlValue, schema: SchemaNode | undefined, path: Array<string | number>): void => {
    const node = schema ? deref(schema, root) : undefined;
    const key = path[path.length - 1];
    const name = typeof key === 'string' ? key : [...path].reverse().find((k) => typeof k === 'string');
    if (path.length > 0 && (node ? node['x-secret'] === true : typeof name === 'string' && alwaysSecretNames(root).has(name))) {
      out.push(path);
      return;
    }
    if (name === 'user-data' && typeof v === 'string' && secretIn(v)) {
      out.push(path);
      return;
    }
    // no setting (secret or not) sits deeper than any document Bottlerocket accepts; a deeper tree is refused anyway
    if (path.length >= MAX_SETTINGS_DEPTH) return;
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, node ? childOf(node, i, x, root) : undefined, [...path, i]));
    else if (isTable(v)) for (const k of Object.keys(v)) visit(v[k]!, node ? childOf(node, k, v[k], root) : undefined, [...path, k]);
  };
  visit(doc, root, []);
  return out;
}

let secretNames: Set<string> | undefined;

/**
 * Where secrets are written in TOML text that did not parse (no document to walk): the value of any
 * `name = …` line whose key is secret somewhere in the schema, or a `user-data` that decodes to one.
 * Erring on the side of masking: a frame around a parse error is no place to print a password.
 */
export function secretLineSpans(text: string, root: SchemaNode = loadSchema()): Span[] {
  if (!secretNames) {
    const names = new Set<string>();
    const visit = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(visit);
      if (!n || typeof n !== 'object') return;
      for (const [name, child] of Object.entries((n as SchemaNode).properties ?? {}))
        if (deref(child, root)['x-secret'] === true) names.add(name);
      for (const v of Object.values(n)) visit(v);
    };
    visit(root);
    secretNames = names;
  }
  const spans: Span[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /^(\s*(?:[\w.-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*\s*=\s*)(\S.*)$/.exec(line);
    if (!m) return;
    const key = /([\w-]+|"[^"]*"|'[^']*')\s*=\s*$/.exec(m[1]!)?.[1]?.replace(/^["']|["']$/g, '');
    const value = m[2]!;
    const userData = key === 'user-data' && secretIn(value.replace(/^["']+|["']+.*$/g, '')) !== undefined;
    if (key === undefined || (!secretNames!.has(key) && !userData)) return;
    spans.push({ line: i + 1, column: m[1]!.length + 1, endLine: i + 1, endColumn: line.length + 1 });
  });
  return spans;
}
