/**
 * Turns the precompiled validator's errors into findings: one per defect, in words that say what was
 * found, what was expected and what Bottlerocket does about it.
 *
 * Ajv reports every failed branch of an `anyOf` plus the `anyOf` itself (three errors for one wrong
 * taint). We keep only the errors of the branches whose JSON type fits the value; when none fits, one
 * type error names all accepted forms.
 */
import type { ErrorObject } from 'ajv';
import type { Finding, Path } from '../diagnostics.js';
import { fromPointer, toKeyPath } from '../diagnostics.js';
import { getAt, isTable, showValue, tomlTypeName, type TomlTable, type TomlValue } from '../parse/value.js';
import { admittedTypes, deref, jsonTypeOf, namespacesWithKey, schemaAtPath, typeAdmitted, type SchemaNode } from '../schema/bundle.js';
import { describeTypes, rejects } from './messages.js';
import { closest } from './suggest.js';
import type { JsonValue } from './json-input.js';

type AjvError = ErrorObject<string, Record<string, unknown>>;

export function schemaErrorsToFindings(errors: readonly AjvError[], doc: TomlTable, json: JsonValue, root: SchemaNode): Finding[] {
  const kept = collapseBranches(errors, json, root);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const f = toFinding(e, doc, root);
    if (!f) continue;
    const key = `${f.path.join('\u0000')}|${f.at}`;
    if (seen.has(key)) continue; // one finding per place: the first (most basic) check wins
    seen.add(key);
    findings.push(f);
  }
  return findings;
}

const KEYWORD_RANK: Record<string, number> = { type: 0, required: 1, additionalProperties: 1, const: 2, enum: 2, format: 3, pattern: 3 };

function collapseBranches(errors: readonly AjvError[], json: JsonValue, root: SchemaNode): AjvError[] {
  const drop = new Set<number>();
  const added: AjvError[] = [];
  errors.forEach((e, k) => {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') return;
    drop.add(k);
    const p = e.instancePath;
    // the branch errors come right before the anyOf error and lie at or under its instance path
    let j = k;
    while (j > 0 && !drop.has(j - 1) && within(errors[j - 1].instancePath, p)) j--;
    const branches = Array.isArray(e.schema) ? (e.schema as SchemaNode[]) : [];
    const value = getJson(json, p);
    const t = jsonTypeOf(value);
    const fits = branches.some((b) => typeAdmitted(admittedTypes(b, root), t));
    for (let i = j; i < k; i++) {
      const err = errors[i];
      if (!fits || (err.instancePath === p && !errorFitsValue(err, t))) drop.add(i);
    }
    if (!fits) added.push({ ...e, keyword: 'type', params: { anyOfHolder: e.parentSchema } });
  });
  const out = errors.filter((_, i) => !drop.has(i) && errors[i].keyword !== 'propertyNames').concat(added);
  return out.sort((a, b) => (KEYWORD_RANK[a.keyword] ?? 4) - (KEYWORD_RANK[b.keyword] ?? 4));
}

/**
 * Whether an error at the value's own path belongs to a branch its type could be meant for: a `type`
 * mismatch, or a `const`/`enum` of another type (the "unlimited" of an integer-or-"unlimited"
 * limit), marks a branch that was never meant.
 */
function errorFitsValue(err: AjvError, valueType: string): boolean {
  if (err.keyword === 'type') return false;
  if (err.keyword === 'const') return typeAdmitted(new Set([jsonTypeOf(err.params.allowedValue)]), valueType);
  if (err.keyword === 'enum') return (err.params.allowedValues as unknown[]).some((v) => typeAdmitted(new Set([jsonTypeOf(v)]), valueType));
  return true;
}

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(parent + '/');
}

function getJson(json: JsonValue, pointer: string): JsonValue | undefined {
  let cur: JsonValue | undefined = json;
  for (const seg of fromPointer(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(seg)] : cur[seg];
  }
  return cur;
}

/** Document paths use numbers for array indices; JSON pointers do not say which is which. */
function toPath(doc: TomlTable, pointer: string): Path {
  const out: Array<string | number> = [];
  let cur: TomlValue | undefined = doc;
  for (const seg of fromPointer(pointer)) {
    const isIndex: boolean = Array.isArray(cur) && /^\d+$/.test(seg);
    out.push(isIndex ? Number(seg) : seg);
    cur = cur === undefined ? undefined : getAt(cur, [isIndex ? Number(seg) : seg]);
  }
  return out;
}

/**
 * The schema node that names the rule an error broke: the failing schema itself when it is a modeled
 * type, else the schema at the value's path (e.g. ApiclientCommand for its first element), else its parent's.
 */
function ruleContext(e: AjvError, path: Path, root: SchemaNode): SchemaNode | undefined {
  const named = (n: SchemaNode | undefined) => (n && (n['x-rule'] || n['x-modeled-type']) ? n : undefined);
  const own = e.parentSchema as SchemaNode | undefined;
  if (named(own)) return own;
  const at = schemaAtPath(path, root);
  const here = at ? named(deref(at, root)) : undefined;
  if (here) return here;
  const parent = path.length > 0 ? schemaAtPath(path.slice(0, -1), root) : undefined;
  return parent ? named(deref(parent, root)) : undefined;
}

function ruleText(ctx: SchemaNode | undefined): string {
  if (!ctx) return '';
  const name = ctx['x-modeled-type'];
  const rule = ctx['x-rule'];
  if (name && rule) return ` (${name}: ${rule})`;
  if (rule) return ` (${rule})`;
  return name ? ` (${name})` : '';
}

function found(v: TomlValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'object' && !Array.isArray(v) && tomlTypeName(v) === 'a table') return 'a table';
  return `${tomlTypeName(v)} ${showValue(v)}`;
}

const INTEGER_RANGES: Array<[number, number, string]> = [
  [0, 255, 'u8'],
  [0, 65535, 'u16'],
  [0, 4294967295, 'u32'],
  [-2147483648, 2147483647, 'i32'],
];

function rangeName(node: SchemaNode | undefined): string {
  if (!node) return '';
  const hit = INTEGER_RANGES.find(([lo, hi]) => node.minimum === lo && node.maximum === hi);
  return hit ? ` (${hit[2]}: ${hit[0]} to ${hit[1]})` : '';
}

function toFinding(e: AjvError, doc: TomlTable, root: SchemaNode): Finding | undefined {
  const base = toPath(doc, e.instancePath);
  const value = getAt(doc, base);
  const holder = e.parentSchema as SchemaNode | undefined;
  const where = base.length > 0 ? toKeyPath(base) : 'the document';

  if (e.propertyName !== undefined) {
    const key = e.propertyName;
    const allowed = (e.keyword === 'enum' ? (e.params.allowedValues as unknown[]) : holder?.enum)?.map(String);
    const guess = allowed ? closest(key, allowed) : undefined;
    return {
      ruleId: 'schema/invalid-key',
      message: rejects(`key "${key}" in ${where} is not valid${ruleText(ruleContext(e, base, root))}${guess ? `; did you mean "${guess}"?` : ''}`),
      path: [...base, key],
      at: 'key',
    };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const known = holder?.properties ? Object.keys(holder.properties) : [];
      const guess = closest(key, known);
      const homes = base.length === 1 && base[0] === 'settings' ? namespacesWithKey(key, root) : [];
      const hint = guess ? `; did you mean "${guess}"?` : homes.length > 0 ? `; it belongs in ${homes.join(' or ')}` : '';
      return { ruleId: 'schema/unknown-key', message: rejects(`unknown key "${key}" in ${where}${hint}`), path: [...base, key], at: 'key' };
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      if (base.length === 0 && missing === 'settings') {
        return {
          ruleId: 'document/missing-settings',
          message: `no [settings] table: Bottlerocket fails with "TOML data did not contain 'settings' section" and the node does not boot`,
          path: [],
          at: 'value',
        };
      }
      return { ruleId: 'schema/missing-key', message: rejects(`${where} is missing the required key "${missing}"`), path: base, at: 'value' };
    }
    case 'type': {
      const expectedNode = (e.params.anyOfHolder as SchemaNode | undefined) ?? holder;
      const expected = expectedNode ? describeTypes(expectedNode, root) : String(e.params.type);
      return { ruleId: 'schema/type', message: rejects(`${where}: expected ${expected}, found ${found(value)}${typeHint(expected, value) || dottedKeyHint(base, value, root)}`), path: base, at: 'value' };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map((x) => JSON.stringify(x));
      const guess = typeof value === 'string' ? closest(value, (e.params.allowedValues as unknown[]).map(String)) : undefined;
      const hint = guess ? `; did you mean "${guess}"?` : '';
      return { ruleId: 'schema/invalid-value', message: rejects(`${where}: expected one of ${allowed.join(', ')}, found ${showValue(value)}${hint}`), path: base, at: 'value' };
    }
    case 'const':
      return {
        ruleId: 'schema/invalid-value',
        message: rejects(`${where}: expected ${JSON.stringify(e.params.allowedValue)}, found ${showValue(value)}${ruleText(ruleContext(e, base, root))}`),
        path: base,
        at: 'value',
      };
    case 'pattern':
    case 'format':
    case 'minLength':
    case 'maxLength': {
      const ctx = ruleContext(e, base, root);
      const length = e.keyword === 'maxLength' || e.keyword === 'minLength' ? `, ${e.keyword === 'maxLength' ? 'at most' : 'at least'} ${String(e.params.limit)} characters` : '';
      const rule = ruleText(ctx) || (e.keyword === 'pattern' ? ` (must match ${String(e.params.pattern)})` : '');
      return { ruleId: 'schema/invalid-value', message: rejects(`${where}: ${showValue(value)} is not valid${rule}${rule ? '' : length}`), path: base, at: 'value' };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
      return {
        ruleId: 'schema/invalid-value',
        message: rejects(`${where}: must be ${words} ${String(e.params.limit)}${rangeName(holder)}, found ${showValue(value)}`),
        path: base,
        at: 'value',
      };
    }
    case 'minItems':
    case 'maxItems': {
      const ctx = ruleContext(e, base, root);
      const words = e.keyword === 'minItems' ? 'at least' : 'at most';
      const n = Number(e.params.limit);
      return {
        ruleId: 'schema/invalid-value',
        message: rejects(`${where}: must have ${words} ${n} element${n === 1 ? '' : 's'}, found ${Array.isArray(value) ? value.length : 0}${ruleText(ctx)}`),
        path: base,
        at: 'value',
      };
    }
    case 'not': {
      // `not` in our schemas states a rule in its x-rule (e.g. an alias given beside its canonical key)
      const rule = holder?.['x-rule'] ?? ruleContext(e, base, root)?.['x-rule'];
      return { ruleId: 'schema/invalid-value', message: rejects(`${where}: ${rule ?? 'this combination is not accepted'}`), path: base, at: base.length > 1 ? 'key' : 'value' };
    }
    case 'minProperties':
    case 'maxProperties': {
      const n = Number(e.params.limit);
      const words = e.keyword === 'minProperties' ? 'at least' : 'at most';
      return { ruleId: 'schema/invalid-value', message: rejects(`${where}: must have ${words} ${n} key${n === 1 ? '' : 's'}${ruleText(ruleContext(e, base, root))}`), path: base, at: 'value' };
    }
    case 'uniqueItems':
      return { ruleId: 'schema/invalid-value', message: rejects(`${where}: the elements must be different (elements ${String(e.params.j)} and ${String(e.params.i)} are the same)`), path: base, at: 'value' };
    case 'dependentRequired':
      return { ruleId: 'schema/missing-key', message: rejects(`${where}: "${String(e.params.property)}" needs "${String(e.params.missingProperty)}" beside it`), path: base, at: 'value' };
    default:
      return { ruleId: 'schema/invalid-value', message: rejects(`${where}: not valid (${e.keyword})${ruleText(ruleContext(e, base, root))}`), path: base, at: 'value' };
  }
}

/**
 * A table where a map expects a value is usually a key with dots written bare: `vm.swappiness = "10"`
 * under [settings.kernel.sysctl] makes a table `vm`. Suggest the quoted key.
 */
function dottedKeyHint(path: Path, value: TomlValue | undefined, root: SchemaNode): string {
  if (!isTable(value) || path.length === 0) return '';
  const parent = schemaAtPath(path.slice(0, -1), root);
  const map = parent ? deref(parent, root) : undefined;
  if (!map || map.properties || typeof map.additionalProperties !== 'object') return '';
  const parts = [String(path[path.length - 1])];
  let cur: TomlValue = value;
  while (isTable(cur) && Object.keys(cur).length === 1) {
    const k: string = Object.keys(cur)[0];
    parts.push(k);
    cur = cur[k];
  }
  if (isTable(cur)) return ': a key with dots must be quoted, or TOML splits it into tables';
  return `: TOML split a key at its dots; quote it: "${parts.join('.')}" = ${showValue(cur)}`;
}

function typeHint(expected: string, value: TomlValue | undefined): string {
  if (typeof value === 'string' && /^an integer/.test(expected) && /^-?\d+$/.test(value.trim())) return `: write it without quotes, ${value.trim()}`;
  if (typeof value === 'string' && /^a boolean/.test(expected) && /^(true|false)$/.test(value)) return `: write it without quotes, ${value}`;
  if ((typeof value === 'number' || typeof value === 'bigint') && expected === 'a string') return `: quote it, "${String(value)}"`;
  return '';
}

