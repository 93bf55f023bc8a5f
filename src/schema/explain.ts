/**
 * What the schema knows about one setting, for `brud explain`: description, type and rule, default,
 * the variants that have it, the release it appeared in, an example, and where the rule comes from.
 */
import { inlineValue, tomlKey } from '../emit/toml-writer.js';
import { OptionError } from '../model/errors.js';
import type { TomlValue } from '../model/value.js';
import { familyAccepts } from '../targets/availability.js';
import { FAMILIES } from '../targets/families.js';
import { NEWEST_RELEASE } from '../targets/releases.js';
import { closest } from '../util/suggest.js';
import { childSchema, deref, firstStructuralBranch, loadSchema, type SchemaNode } from './bundle.js';
import { describeTypes } from './describe.js';

export interface Explanation {
  keyPath: string;
  description?: string;
  type: string;
  modeledType?: string;
  rule?: string;
  constraints: string[];
  default?: unknown;
  defaultNote?: string;
  since?: string;
  deprecated?: { since: string; message?: string; replacement?: string };
  aliasOf?: string;
  secret: boolean;
  variants: string[];
  /** Keys of a table, or the key and value types of a map. */
  children?: Array<{ key: string; summary: string; since?: string }>;
  mapOf?: { key: string; value: string };
  example?: string;
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
  return `[${path.slice(0, -1).map(tomlKey).join('.')}]\n${tomlKey(path[path.length - 1])} = ${inlineValue(value)}`;
}

export function explainKey(input: string): Explanation {
  const root = loadSchema();
  let keys = splitKeyPath(input);
  if (keys[0] !== 'settings') keys = ['settings', ...keys];
  let node: SchemaNode = root;
  const nodes: SchemaNode[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parent = firstStructuralBranch(node, 'object', root);
    const child = childSchema(parent, keys[i], root);
    if (!child) {
      const known = Object.keys(deref(parent, root).properties ?? {});
      const guess = closest(keys[i], known);
      const where = keys.slice(0, i).map(tomlKey).join('.');
      const grand = i >= 2 ? deref(firstStructuralBranch(nodes[i - 2] ?? root, 'object', root), root) : undefined;
      if (grand && !grand.properties && typeof grand.additionalProperties === 'object') {
        const key = keys.slice(i - 1).join('.');
        throw new UnknownKeyError(
          `${keys
            .slice(0, i - 1)
            .map(tomlKey)
            .join('.')} is a map: quote a key that contains dots, e.g. ${keys
            .slice(0, i - 1)
            .map(tomlKey)
            .join('.')}."${key}"`,
        );
      }
      throw new UnknownKeyError(
        `${where} has no key "${keys[i]}"${guess ? `; did you mean "${guess}"?` : known.length > 0 ? ` (its keys: ${known.join(', ')})` : ''}`,
      );
    }
    node = child;
    nodes.push(child);
  }
  const raw = nodes[nodes.length - 1];
  const n = deref(raw, root);
  const namespace = keys[1];
  const variants = namespace
    ? FAMILIES.filter((f) => familyAccepts(f, namespace, NEWEST_RELEASE) || (f.removed && familyAccepts(f, namespace, f.removed))).map(
        (f) => f.id,
      )
    : FAMILIES.map((f) => f.id);
  const since = nodes
    .map((x) => deref(x, root)['x-since'])
    .filter((s): s is string => Boolean(s))
    .pop();
  const structural = firstStructuralBranch(n, 'object', root);
  const isStruct = structural.properties !== undefined && structural.type === 'object';
  const isMap = !isStruct && typeof structural.additionalProperties === 'object';
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
    variants,
    children: isStruct
      ? Object.entries(structural.properties ?? {}).map(([k, v]) => {
          const d = deref(v, root);
          return { key: k, summary: describeTypes(d, root), since: d['x-since'] };
        })
      : undefined,
    mapOf: isMap
      ? {
          key: structural.propertyNames
            ? (deref(structural.propertyNames, root)['x-modeled-type'] ?? describeTypes(structural.propertyNames, root))
            : 'any key',
          value: describeTypes(structural.additionalProperties as SchemaNode, root),
        }
      : undefined,
    example: example(keys, n),
    sources: sourcesOf(raw, n),
  };
}
