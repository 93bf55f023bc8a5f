/**
 * Generators of user-data for the property tests and `npm run fuzz`: documents written from the
 * settings schema (valid and almost valid, in every TOML spelling), hostile keys, mutations of real
 * user-data, and documents shaped for cost (long keys, wide lines, deep dotted tables, many findings).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { bundledSchema } from '#generated/schema.js';
import type { SchemaNode } from '../../src/schema/bundle.js';
import { FIXTURES } from '../helpers.js';

const SCHEMA = bundledSchema();

function deref(n: SchemaNode): SchemaNode {
  const m = /^#\/\$defs\/(.+)$/.exec(n.$ref ?? '');
  if (!m) return n;
  const { $ref: _ref, ...beside } = n;
  return deref({ ...SCHEMA.$defs![m[1]!]!, ...beside });
}

/** Key paths under settings with a leaf schema, from the bundled schema (maps get a sample key). */
function leafPaths(): Array<{ path: string[]; schema: SchemaNode }> {
  const out: Array<{ path: string[]; schema: SchemaNode }> = [];
  const visit = (node: SchemaNode, path: string[], depth: number): void => {
    const n = deref(node);
    const branch = (n.anyOf ?? n.oneOf)?.map(deref).find((b) => b.properties || typeof b.additionalProperties === 'object') ?? n;
    if (depth < 6 && branch.properties) {
      for (const [k, v] of Object.entries(branch.properties)) visit(v, [...path, k], depth + 1);
    } else if (depth < 6 && typeof branch.additionalProperties === 'object') {
      visit(branch.additionalProperties, [...path, 'entry-1'], depth + 1);
    } else out.push({ path, schema: n });
  };
  visit(SCHEMA.$defs!.settings!, ['settings'], 0);
  return out;
}

const LEAVES = leafPaths();

const BARE = /^[A-Za-z0-9_-]+$/;
const key = (k: string) => (BARE.test(k) ? k : JSON.stringify(k));

/** A TOML value of roughly the schema's kind: usually right, sometimes wrong. */
function valueFor(schema: SchemaNode): fc.Arbitrary<string> {
  const n = deref(schema);
  const values: Array<fc.Arbitrary<string>> = [
    fc.constantFrom(
      '"a"',
      '"example.com"',
      '"10"',
      '"once"',
      '"always"',
      '""',
      '"aGVsbG8="',
      '1',
      '0',
      '-1',
      '110',
      'true',
      'false',
      '1.5',
      '[]',
      '["a"]',
      '{}',
      'nan',
      'inf',
      '1979-05-27',
    ),
  ];
  const enums = (n.enum ?? []).map((v) => JSON.stringify(v));
  const examples = (n.examples ?? []).filter((v) => typeof v !== 'object').map((v) => JSON.stringify(v));
  if (enums.length > 0) values.push(fc.constantFrom(...enums));
  if (examples.length > 0) values.push(fc.constantFrom(...examples));
  if (n.type === 'integer') values.push(fc.integer({ min: -5, max: 70000 }).map(String));
  if (n.type === 'string') values.push(fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)));
  return fc.oneof(...values);
}

/** One setting, written as `[table]` + `key = value`, a dotted key, or an inline table. */
const setting = fc.integer({ min: 0, max: LEAVES.length - 1 }).chain((i) => {
  const leaf = LEAVES[i]!;
  return fc.tuple(valueFor(leaf.schema), fc.integer({ min: 0, max: 2 })).map(([value, style]) => {
    const table = leaf.path.slice(0, -1).map(key).join('.');
    const last = key(leaf.path[leaf.path.length - 1]!);
    if (style === 0) return `[${table}]\n${last} = ${value}\n`;
    if (style === 1) return `${leaf.path.map(key).join('.')} = ${value}\n`;
    const [head, ...rest] = leaf.path.slice(1);
    return `[settings]\n${key(head ?? 'motd')} = ${rest.length === 0 ? value : `{ ${rest.map(key).join('.')} = ${value} }`}\n`;
  });
});

/** Documents from the schema: a handful of settings, some of them repeated or conflicting. */
export const schemaDocument: fc.Arbitrary<string> = fc.array(setting, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('\n'));

/** Keys meant to break things: control characters, prototype names, quotes, bidi controls, long keys. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '\u001b[8mX',
    'a\nb',
    '::error::x',
    '\u202eevil',
    'a"b',
    "a'b",
    '',
    ' ',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 20 }),
);

const hostileValue = fc.oneof(
  fc.constantFrom('1', '"x"', 'true', '[1, "a"]', '{ a = 1 }', 'nan', '-inf', '1e400', '9223372036854775808'),
  fc.string({ maxLength: 10 }).map((s) => JSON.stringify(s)),
);

export const hostileDocument: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom('settings', 'settings.kubernetes', 'settings.kernel.sysctl', 'settings.host-containers', 'top'),
      hostileKey,
      hostileValue,
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((entries) => entries.map(([table, k, v]) => `[${table}]\n${JSON.stringify(k)} = ${v}\n`).join('\n'));

function corpusFiles(): string[] {
  const dir = join(FIXTURES, 'corpus', 'real-world');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.toml'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

const CORPUS = corpusFiles();

/** Real user-data with byte edits: deletions, insertions of TOML metacharacters, truncation, splicing. */
export const mutatedDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: CORPUS.length - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '"', "'", '[', ']', '{', '}', '=', '.', '\n', '#', ',', '\\', '\u0000', 'x')), {
      maxLength: 6,
    }),
  )
  .map(([i, edits]) => {
    let text = CORPUS[i]!;
    for (const [at, insert] of edits) {
      const p = text.length === 0 ? 0 : at % text.length;
      text = text.slice(0, p) + insert + text.slice(p + (insert === '' ? 1 : 0));
    }
    return text;
  });

/** Documents shaped for cost: long keys, wide lines, deep dotted tables within the limits, many findings. */
export const costlyDocument: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1000, max: 200_000 }).map((n) => `[settings]\n${'k'.repeat(n)} = 1\n`),
  fc
    .integer({ min: 100, max: 4000 })
    .map((n) => `[settings]\nkubernetes = { ${Array.from({ length: n }, (_, i) => `x${i} = 1`).join(', ')} }\n`),
  fc.integer({ min: 2, max: 30 }).map((depth) => {
    const k = Array(78).fill('k').join('.');
    let v = '1';
    for (let i = 0; i < depth; i++) v = `{ ${k} = ${v} }`;
    return `[settings]\n${k} = ${v}\n`;
  }),
  fc
    .integer({ min: 100, max: 5000 })
    .map((n) => `[settings.kernel.sysctl]\n${Array.from({ length: n }, (_, i) => `"net.k${i}" = ${i}`).join('\n')}\n`),
  fc.integer({ min: 10, max: 79 }).map((n) => `[settings]\nmotd = ${'['.repeat(n)}${']'.repeat(n)}\n`),
);

/** Everything above but the costly shapes (they have a campaign of their own: one costs as much as a thousand others). */
export const anyDocument: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: schemaDocument },
  { weight: 2, arbitrary: hostileDocument },
  { weight: 3, arbitrary: mutatedDocument },
);
