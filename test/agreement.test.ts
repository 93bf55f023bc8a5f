// The validator brud ships (dist/generated/validate-userdata.js: compiled at build time from a copy of the
// schemas with the prose stripped, without `verbose`, with HugepagesStatic's dependentSchemas left to
// src/validate/repeated-sizes.ts, its own module header) agrees with a validator Ajv compiles here from the
// full schemas/, on every vector and every TOML file in the repository: the same errors (instance path,
// schema path, keyword, parameters), and each error's `schemaAt` names the very schema object that the
// full validator's `verbose` error holds as `parentSchema`, so stripping changed no verdict and no message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ErrorObject } from 'ajv';
import validateShipped, { type ShippedError } from '#generated/validate-userdata.js';
import { bundleSchemas, createAjv } from '../scripts/schema-tools.js';
import { loadHostFormats } from '../src/index.js';
import { unwrapUserData } from '../src/input/unwrap.js';
import { parseTomlText } from '../src/parse/toml.js';
import type { SchemaNode } from '../src/schema/bundle.js';
import { atPointer } from '../src/schema/bundle.js';
import { toJsonValue, type JsonValue } from '../src/validate/json-input.js';
import { codeCheckedErrors } from '../src/validate/repeated-sizes.js';
import { FIXTURES, ROOT } from './helpers.js';

type Schema = Record<string, unknown>;
const bundle = bundleSchemas(join(ROOT, 'schemas')) as Schema & { $defs: Record<string, Schema> };
const validateFull = createAjv({ verbose: true }).compile(bundle);

function describe(e: ErrorObject, parent: unknown): string {
  // the parent by identity: the shipped error's pointer must land on the object the full validator names
  const at =
    parent === undefined ? 'no schema' : parent === bundle ? '#' : (parentNames.get(parent as object) ?? 'a schema outside the bundle');
  return `${e.instancePath} ${e.schemaPath} ${e.keyword} ${JSON.stringify(e.params)} in ${at}`;
}

const parentNames = new Map<object, string>();
(function index(node: unknown, at: string): void {
  if (node === null || typeof node !== 'object' || parentNames.has(node)) return;
  parentNames.set(node, at);
  for (const [k, v] of Object.entries(node)) index(v, `${at}/${k}`);
})(bundle, '#');

function fullErrors(data: unknown): string[] {
  validateFull(data);
  return (validateFull.errors ?? []).map((e) => describe(e, e.parentSchema)).sort();
}

/** What brud validates with: the shipped validator and the dependentSchemas checked in code. */
function shippedErrors(data: unknown): string[] {
  const ok = validateShipped(data);
  const errors: ShippedError[] = [
    ...(ok ? [] : (validateShipped.errors ?? [])),
    ...codeCheckedErrors(data as JsonValue, bundle as SchemaNode),
  ];
  return errors.map((e) => describe(e, e.schemaAt === undefined ? undefined : atPointer(bundle as SchemaNode, e.schemaAt))).sort();
}

/** Both validators on one JSON value: the same errors, in any order. Returns the error count. */
function agree(data: unknown, what: string): number {
  const full = fullErrors(data);
  assert.deepEqual(shippedErrors(data), full, what);
  return full.length;
}

function tomlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'golden') tomlFiles(p, out);
    } else if (name.endsWith('.toml') || name.endsWith('.json') || name.endsWith('.b64')) out.push(p);
  }
  return out;
}

test('the shipped validator agrees with the full schemas on every TOML document in the repository', async () => {
  await loadHostFormats(); // fixtures/hosts/ holds manifests and templates in YAML and JSON
  let documents = 0;
  let rejected = 0;
  for (const file of [...tomlFiles(FIXTURES), ...tomlFiles(join(ROOT, 'examples'))]) {
    if (file.includes('/vectors/')) continue; // below, case by case
    for (const doc of unwrapUserData(file, readFileSync(file))) {
      if (doc.text === undefined) continue;
      const parsed = parseTomlText(doc.text);
      if (!parsed.ok) continue; // nothing reaches the validator
      if (agree(toJsonValue(parsed.parsed.value), relative(ROOT, file)) > 0) rejected++;
      documents++;
    }
  }
  assert.ok(documents > 300, `only ${documents} documents`);
  assert.ok(rejected > 100, `only ${rejected} documents with errors`);
});

test('the shipped validator agrees with the full schemas on every settings vector', () => {
  const dir = join(FIXTURES, 'vectors', 'settings');
  let cases = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const spec = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Array<{ name: string; toml: string }> };
    for (const c of spec.cases) {
      const parsed = parseTomlText(c.toml);
      assert.ok(parsed.ok, c.name);
      agree(toJsonValue(parsed.parsed.value), `${file}: ${c.name}`);
      cases++;
    }
  }
  assert.ok(cases > 100, `only ${cases} cases`);
});

type Step = string | number;

/**
 * A place in a user-data document where a value is checked against `#/$defs/<type>`: a path from the
 * root through properties, map values and array elements. Breadth first, so the shortest.
 */
function pathTo(type: string): { path: Step[]; key: boolean } | undefined {
  const target = `#/$defs/${type}`;
  const queue: Array<{ node: unknown; path: Step[]; key?: boolean }> = [{ node: bundle, path: [] }];
  const seen = new Set<unknown>();
  while (queue.length > 0) {
    const { node, path, key = false } = queue.shift()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const s = node as Schema;
    if (s.$ref === target) return { path, key };
    if (typeof s.$ref === 'string') queue.push({ node: bundle.$defs[s.$ref.replace('#/$defs/', '')], path, key });
    for (const branch of ['anyOf', 'oneOf', 'allOf'] as const)
      if (Array.isArray(s[branch])) for (const b of s[branch] as unknown[]) queue.push({ node: b, path, key });
    if (key) continue;
    // a map whose keys are the type: the value is placed as a key
    if (s.propertyNames && typeof s.propertyNames === 'object') queue.push({ node: s.propertyNames, path, key: true });
    if (s.patternProperties)
      for (const [pattern, v] of Object.entries(s.patternProperties as Schema)) {
        const name = KEYS_FOR_PATTERNS.find((k) => new RegExp(pattern, 'u').test(k));
        if (name !== undefined) queue.push({ node: v, path: [...path, name] });
      }
    if (s.properties) for (const [k, v] of Object.entries(s.properties as Schema)) queue.push({ node: v, path: [...path, k] });
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      queue.push({ node: s.additionalProperties, path: [...path, 'x'] });
    if (s.items && typeof s.items === 'object') queue.push({ node: s.items, path: [...path, 0] });
    if (Array.isArray(s.prefixItems)) (s.prefixItems as unknown[]).forEach((p, i) => queue.push({ node: p, path: [...path, i] }));
  }
  return undefined;
}

/** Map keys tried for `patternProperties` (the first that matches the pattern is used). */
const KEYS_FOR_PATTERNS = ['x', '2Mi', '2M', 'nvidia', 'tesla', '535', 'a1', 'default'];

/** A document holding `value` at `path` (array elements before it are null). */
function documentWith(path: Step[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const inner = documentWith(rest, value);
  return typeof head === 'number' ? [...Array.from({ length: head }, () => null), inner] : { [head!]: inner };
}

test('the shipped validator agrees with the full schemas on every modeled-type vector, placed where the settings use it', () => {
  const dir = join(FIXTURES, 'vectors', 'types');
  const unreachable: string[] = [];
  let values = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const v = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown[] | string | undefined>;
    const type = v.type as string;
    const place = pathTo(type);
    if (!place) {
      unreachable.push(type);
      continue;
    }
    for (const list of ['valid', 'extraValid', 'invalid', 'extraInvalid'])
      for (const value of (v[list] as unknown[] | undefined) ?? []) {
        // a key type's values are keys: only strings can be (a TOML key is always a string)
        if (place.key && typeof value !== 'string') continue;
        const doc = documentWith(place.path, place.key ? { [value as string]: 'x' } : value);
        agree(doc, `${type} ${list} ${JSON.stringify(value)} at /${place.path.join('/')}${place.key ? ' (as a key)' : ''}`);
        values++;
      }
  }
  // defined with vectors, but no setting reaches them (so the shipped validator holds no code for them):
  // test/vectors.test.ts checks them against the full schemas only
  assert.deepEqual(unreachable.sort(), [
    'DriversSettings',
    'KubernetesMemoryReservationKey',
    'KubernetesName',
    'NvidiaDriverBranch',
    'NvidiaDriverSettings',
    'OciImageRef',
  ]);
  assert.ok(values > 300, `only ${values} values`);
});

test('the repeated huge page sizes checked in code give the errors the compiled dependentSchemas give', () => {
  const tables = [
    { '2Mi': { count: '512' }, '2048Ki': { count: '4' } },
    { '1Gi': { count: '1' }, '1024Mi': { count: '2' }, '1048576Ki': { count: 'x' }, essential: true },
    { '2048Ki': 5, '2Mi': 'x', '4Mi': { count: '1' } },
    { '1Mi': { count: '1' } },
  ];
  let errors = 0;
  for (const table of tables) {
    const doc = { settings: { kernel: { hugepages: { static: table } } } };
    errors += agree(doc, JSON.stringify(table));
    agree({ settings: { kernel: { hugepages: table } } }, `not under static: ${JSON.stringify(table)}`);
  }
  assert.ok(errors >= 9, `only ${errors} errors`);
});
