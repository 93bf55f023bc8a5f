/**
 * The bundled schema narrowed to one variant family and release, for editors (taplo / Even Better TOML)
 * and `brud schema`: namespaces the variant lacks and keys, value forms and values newer than the
 * release are removed, deprecated keys are marked `deprecated`, and unreachable definitions dropped.
 * The result validates what brud's schema checks validate for that target (formats aside, which editors
 * do not know: see schemas/README.md).
 */
import { isAvailable } from '../targets/releases.js';
import { familyAccepts } from '../targets/availability.js';
import type { VariantFamily } from '../targets/families.js';
import type { Variant } from '../targets/variant-name.js';
import type { SchemaNode } from './bundle.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface SpecializeTarget {
  /** Without a family, every namespace stays (a schema for any variant). */
  family?: VariantFamily;
  variant?: Variant;
  release: string;
  title: string;
}

export function specializeSchema(bundle: SchemaNode, target: SpecializeTarget): SchemaNode {
  const copy = JSON.parse(JSON.stringify(bundle)) as { [k: string]: Json };
  const defs = copy.$defs as { [k: string]: { [k: string]: Json } };
  const settings = defs.settings as { properties: { [k: string]: { [k: string]: Json } } };
  const family = target.family;
  if (family) {
    for (const ns of Object.keys(settings.properties)) {
      if (!familyAccepts(family, ns, target.release, target.variant)) delete settings.properties[ns];
    }
  }
  prune(copy, target.release);
  dropUnreachable(copy);
  return { ...copy, title: target.title };
}

type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

function since(node: Json): string | undefined {
  return isObject(node) && typeof node['x-since'] === 'string' ? node['x-since'] : undefined;
}

function newer(s: Json | undefined, release: string): boolean {
  return typeof s === 'string' && !isAvailable(s, release);
}

/** Removes everything newer than the release, in place, and marks deprecated keys. */
function prune(node: Json, release: string): void {
  if (Array.isArray(node)) {
    node.forEach((n) => prune(n, release));
    return;
  }
  if (!isObject(node)) return;
  pruneProperties(node, release);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches)) node[key] = branches.filter((b) => !newer(since(b), release));
  }
  pruneEnum(node, release);
  const before = node['x-before'];
  if (isObject(before) && newer(before.release, release)) {
    // an older release checked the value with another rule: the schema states that rule
    node.pattern = before.pattern as string;
    delete node.format;
  }
  const keySince = node['x-key-since'];
  if (isObject(keySince)) {
    const late = Object.keys(keySince).filter((k) => newer(keySince[k], release));
    if (late.length > 0) node.propertyNames = { allOf: [node.propertyNames ?? true, { not: { enum: late } }] };
  }
  for (const v of Object.values(node)) prune(v, release);
}

function pruneProperties(node: JsonObject, release: string): void {
  const props = node.properties;
  if (!isObject(props)) return;
  for (const [k, v] of Object.entries(props)) {
    if (newer(since(v), release)) delete props[k];
    else if (isObject(v) && v['x-deprecated']) v.deprecated = true;
  }
}

function pruneEnum(node: JsonObject, release: string): void {
  const enumSince = node['x-enum-since'];
  if (!Array.isArray(node.enum) || !isObject(enumSince)) return;
  node.enum = node.enum.filter((v) => typeof v !== 'string' || !Object.hasOwn(enumSince, v) || !newer(enumSince[v], release));
}

/** Drops `$defs` no longer referenced from the root (e.g. namespaces of other variants). */
function dropUnreachable(root: { [k: string]: Json }): void {
  const defs = root.$defs as { [k: string]: Json };
  const reached = new Set<string>();
  const visit = (n: Json): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n)) {
      if (k === '$defs') continue;
      if (k === '$ref' && typeof v === 'string') {
        const name = v.replace('#/$defs/', '');
        if (!reached.has(name)) {
          reached.add(name);
          visit(defs[name]!);
        }
      } else visit(v);
    }
  };
  visit(root);
  for (const name of Object.keys(defs)) if (!reached.has(name)) delete defs[name];
}
