/**
 * Turns the precompiled validator's errors into findings: one per defect. Ajv reports every failed
 * branch of an `anyOf` plus the `anyOf` itself (three errors for one wrong taint); we keep only the
 * errors of the branches whose JSON type fits the value, and when none fits, one type error that names
 * all accepted forms. The words for each keyword are in `keyword-messages.ts`.
 */
import type { ShippedError } from '#generated/validate-userdata.js';
import type { Finding, Path } from '../model/diagnostic.js';
import { fromPointer } from '../model/diagnostic.js';
import { getAt, type TomlTable, type TomlValue } from '../model/value.js';
import { admittedTypes, atPointer, jsonTypeOf, typeAdmitted, type SchemaNode } from '../schema/bundle.js';
import { isSecretPath } from '../schema/secrets.js';
import type { JsonValue } from './json-input.js';
import { keywordFinding, type AjvError } from './keyword-messages.js';

export function schemaErrorsToFindings(errors: readonly ShippedError[], doc: TomlTable, json: JsonValue, root: SchemaNode): Finding[] {
  const schemas = new Map<string, SchemaNode | undefined>();
  const kept = collapseBranches(
    errors.map((e) => withSchema(e, root, schemas)),
    json,
    root,
  );
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const path = toPath(doc, e.instancePath);
    const f = keywordFinding(e, { path, value: getAt(doc, path), doc, root, secret: isSecretPath(path, root) });
    const key = `${f.path.join('\u0000')}|${f.at}`;
    if (seen.has(key)) continue; // one finding per place: the first (most basic) check wins
    seen.add(key);
    findings.push(f);
  }
  return findings;
}

/**
 * The schema objects `verbose` would have put in the error: the shipped validator is compiled without
 * them (they were a quarter of it) and names the failing schema by its pointer in the bundle instead.
 */
function withSchema(e: ShippedError, root: SchemaNode, cache: Map<string, SchemaNode | undefined>): AjvError {
  const at = e.schemaAt;
  if (at === undefined || e.parentSchema !== undefined) return e as AjvError;
  let parentSchema = cache.get(at);
  if (parentSchema === undefined && !cache.has(at)) cache.set(at, (parentSchema = atPointer(root, at)));
  // in place: a copy of each of 80,000 errors would be held by the findings' lazy messages
  const out = e as AjvError;
  if (parentSchema) {
    out.parentSchema = parentSchema;
    out.schema = parentSchema[e.keyword as keyof SchemaNode];
  }
  return out;
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
    while (j > 0 && !drop.has(j - 1) && within(errors[j - 1]!.instancePath, p)) j--;
    const branches = Array.isArray(e.schema) ? (e.schema as SchemaNode[]) : [];
    const t = jsonTypeOf(getJson(json, p));
    const fits = branches.some((b) => typeAdmitted(admittedTypes(b, root), t));
    for (let i = j; i < k; i++) {
      const err = errors[i]!;
      if (!fits || (err.instancePath === p && !errorFitsValue(err, t))) drop.add(i);
    }
    if (!fits) added.push({ ...e, keyword: 'type', params: { anyOfHolder: e.parentSchema } });
  });
  const out = errors.filter((_, i) => !drop.has(i) && errors[i]!.keyword !== 'propertyNames').concat(added);
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

/**
 * Document paths use numbers for array indices; JSON pointers do not say which is which. Built with
 * `map`, so each path is exactly as long as it is: grown by `push`, 80,000 paths of four segments held
 * 22 MB of spare capacity until the findings were placed.
 */
function toPath(doc: TomlTable, pointer: string): Path {
  let cur: TomlValue | undefined = doc;
  return fromPointer(pointer).map((seg) => {
    const key = Array.isArray(cur) && /^\d+$/.test(seg) ? Number(seg) : seg;
    cur = cur === undefined ? undefined : getAt(cur, [key]);
    return key;
  });
}
