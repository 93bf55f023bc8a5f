/**
 * What the schema knows about one setting, for `brud explain`: description, type and rule, default,
 * the variants that have it, the release it appeared in, an example, and where the rule comes from.
 */
import { inlineValue, tomlKey } from '../emit/toml-writer.js';
import { OptionError } from '../model/errors.js';
import type { TomlValue } from '../model/value.js';
import { familyAccepts, familyLabel } from '../targets/availability.js';
import { FAMILIES } from '../targets/families.js';
import { NEWEST_RELEASE } from '../targets/releases.js';
import { hints } from '../util/hints.js';
import { closest } from '../util/suggest.js';
import { childSchema, deref, firstStructuralBranch, loadSchema, type SchemaNode } from './bundle.js';
import { describeTypes } from './describe.js';

export interface Explanation {
  keyPath: string;
  description?: string | undefined;
  type: string;
  modeledType?: string | undefined;
  rule?: string | undefined;
  constraints: string[];
  default?: unknown;
  defaultNote?: string | undefined;
  since?: string | undefined;
  deprecated?: { since: string; message?: string; replacement?: string } | undefined;
  aliasOf?: string | undefined;
  secret: boolean;
  variants: string[];
  /** Keys of a table, or the key and value types of a map. */
  children?: Array<{ key: string; summary: string; since?: string | undefined }> | undefined;
  mapOf?: { key: string; value: string } | undefined;
  example?: string | undefined;
  sources: string[];
}

/** A key path the schema does not have (the message says what it has instead). */
export class UnknownKeyError extends OptionError {}

/** Splits a TOML key path (`settings.kubernetes.node-labels."a/b"`) into keys. */
export function splitKeyPath(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '"' || c === "'") {
      const end = input.indexOf(c, i + 1);
      if (end < 0) throw new UnknownKeyError(`unterminated quote in "${input}"`);
      cur += input.slice(i + 1, end);
      i = end;
    } else if (c === '.') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function rangeText(n: SchemaNode): string[] {
  const out: string[] = [];
  if (n.minimum !== undefined && n.maximum !== undefined) out.push(`${n.minimum} to ${n.maximum}`);
  else if (n.minimum !== undefined) out.push(`at least ${n.minimum}`);
  else if (n.maximum !== undefined) out.push(`at most ${n.maximum}`);
  if (n.enum) out.push(`one of ${n.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (n.maxLength !== undefined) out.push(`at most ${n.maxLength} characters`);
  if (n.minItems !== undefined) out.push(`at least ${n.minItems} element${n.minItems === 1 ? '' : 's'}`);
  return out;
}

function sourcesOf(...nodes: Array<SchemaNode | undefined>): string[] {
  const out = new Set<string>();
  for (const n of nodes) {
    const s = n?.['x-source'];
    for (const x of Array.isArray(s) ? s : s ? [s] : []) out.add(x);
  }
  return [...out];
}

function example(path: string[], node: SchemaNode): string | undefined {
  const value = (node.examples?.[0] ?? node.default) as TomlValue | undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const lines = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${inlineValue(v as TomlValue)}`);
    return `[${path.map(tomlKey).join('.')}]\n${lines.join('\n')}`;
  }
  return `[${path.slice(0, -1).map(tomlKey).join('.')}]\n${tomlKey(path[path.length - 1]!)} = ${inlineValue(value)}`;
}

export function explainKey(input: string): Explanation {
  const root = loadSchema();
  let keys = splitKeyPath(input);
  if (keys[0] !== 'settings') keys = ['settings', ...keys];
  const nodes = schemaNodesOf(keys, root);
  const raw = nodes[nodes.length - 1]!;
  const n = deref(raw, root);
  const since = nodes
    .map((x) => deref(x, root)['x-since'])
    .filter((s): s is string => Boolean(s))
    .pop();
  return {
    keyPath: keys.map(tomlKey).join('.'),
    description: n.description,
    type: describeTypes(n, root),
    modeledType: n['x-modeled-type'],
    rule: n['x-rule'],
    constraints: rangeText(n),
    default: n.default,
    defaultNote: n['x-default-note'],
    since,
    deprecated: n['x-deprecated'],
    aliasOf: n['x-alias-of'],
    secret: n['x-secret'] === true,
    variants: variantsWith(keys[1]),
    ...contents(n, root),
    example: example(keys, n),
    sources: sourcesOf(raw, n),
  };
}

/** The schema node of each key along the path; throws UnknownKeyError where the path leaves the schema. */
function schemaNodesOf(keys: readonly string[], root: SchemaNode): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  let node: SchemaNode = root;
  keys.forEach((key, i) => {
    const parent = firstStructuralBranch(node, 'object', root);
    const child = childSchema(parent, key, root);
    if (!child) throw unknownKey(keys, i, nodes, root);
    node = child;
    nodes.push(child);
  });
  return nodes;
}

function unknownKey(keys: readonly string[], i: number, nodes: readonly SchemaNode[], root: SchemaNode): UnknownKeyError {
  const grand = i >= 2 ? deref(firstStructuralBranch(nodes[i - 2] ?? root, 'object', root), root) : undefined;
  if (grand && !grand.properties && typeof grand.additionalProperties === 'object') {
    const map = keys
      .slice(0, i - 1)
      .map(tomlKey)
      .join('.');
    return new UnknownKeyError(`${map} is a map: quote a key that contains dots, e.g. ${map}."${keys.slice(i - 1).join('.')}"`);
  }
  const parent = firstStructuralBranch(i === 0 ? root : nodes[i - 1]!, 'object', root);
  const known = Object.keys(deref(parent, root).properties ?? {});
  const guess = closest(keys[i]!, known);
  const where = keys.slice(0, i).map(tomlKey).join('.');
  const hint = guess ? hints.didYouMean(guess) : known.length > 0 ? ` (its keys: ${known.join(', ')})` : '';
  return new UnknownKeyError(`${where} has no key "${keys[i]}"${hint}`);
}

/** The families that have a namespace (on the newest release, or the last one of a removed family). */
function variantsWith(namespace: string | undefined): string[] {
  if (!namespace) return FAMILIES.map((f) => f.id);
  return FAMILIES.filter((f) => familyAccepts(f, namespace, NEWEST_RELEASE) || (f.removed && familyAccepts(f, namespace, f.removed))).map(
    (f) => familyLabel(f, namespace, NEWEST_RELEASE),
  );
}

/** A table's keys, or a map's key and value types. */
function contents(n: SchemaNode, root: SchemaNode): Pick<Explanation, 'children' | 'mapOf'> {
  const structural = firstStructuralBranch(n, 'object', root);
  if (structural.properties !== undefined && structural.type === 'object') {
    const children = Object.entries(structural.properties).map(([k, v]) => {
      const d = deref(v, root);
      return { key: k, summary: describeTypes(d, root), since: d['x-since'] };
    });
    return { children, mapOf: undefined };
  }
  if (typeof structural.additionalProperties !== 'object') return { children: undefined, mapOf: undefined };
  const names = structural.propertyNames;
  const key = names ? (deref(names, root)['x-modeled-type'] ?? describeTypes(names, root)) : 'any key';
  return { children: undefined, mapOf: { key, value: describeTypes(structural.additionalProperties, root) } };
}
