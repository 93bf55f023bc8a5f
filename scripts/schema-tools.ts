/**
 * Build-time schema tooling, shared by `build-schemas.ts` and the tests: bundling the files in
 * `schemas/` into one document, and the one Ajv configuration brud uses. Never loaded by the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import { formats } from '../src/validate/formats.js';

/** Annotation keywords our schemas use (see schemas/README.md). Ajv strict mode rejects any other. */
export const ANNOTATION_KEYWORDS = [
  'x-source',
  'x-since',
  'x-since-source',
  'x-deprecated',
  'x-modeled-type',
  'x-rule',
  'x-alias-of',
  'x-secret',
  'x-default-note',
  'x-key-since',
  'x-enum-since',
  'x-ignores-unknown',
  'x-before',
  'x-null-rejected',
  'x-canonical',
] as const;

/**
 * Strict, collects all errors, and never changes the data: no coercion, no defaults, no removal of
 * properties (those would hide exactly the mistakes Bottlerocket rejects).
 */
export const AJV_OPTIONS: Options = {
  strict: true,
  // open tuples (`prefixItems` followed by `items`) are how ApiclientCommand is written
  strictTuples: false,
  allErrors: true,
  allowUnionTypes: true,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
};

export function createAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extra });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  return ajv;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type SchemaDoc = { [k: string]: Json };

function schemaFiles(dir: string): string[] {
  const files = ['userdata.schema.json', 'settings.schema.json'];
  for (const sub of ['types', 'settings']) {
    for (const f of readdirSync(join(dir, sub)).sort()) if (f.endsWith('.schema.json')) files.push(join(sub, f));
  }
  return files;
}

/** Merges every file's `$defs` into the root document, checking that names are unique and refs resolve. */
export function bundleSchemas(dir: string): SchemaDoc {
  const files = schemaFiles(dir);
  const root = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as SchemaDoc;
  const defs: { [k: string]: Json } = {};
  const definedIn = new Map<string, string>();
  for (const file of files) {
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SchemaDoc;
    const fileDefs = (doc.$defs ?? {}) as { [k: string]: Json };
    for (const [name, def] of Object.entries(fileDefs)) {
      const prev = definedIn.get(name);
      if (prev) throw new Error(`schemas: $defs "${name}" is defined in both ${prev} and ${file}`);
      definedIn.set(name, file);
      defs[name] = def;
    }
  }
  const sorted: { [k: string]: Json } = {};
  for (const name of Object.keys(defs).sort()) sorted[name] = defs[name]!;
  const bundle: SchemaDoc = { ...root, $defs: sorted };
  checkRefs(bundle, sorted);
  return bundle;
}

function checkRefs(node: Json, defs: { [k: string]: Json }, where = '#'): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => checkRefs(n, defs, `${where}/${i}`));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    if (!m || !(m[1]! in defs)) throw new Error(`schemas: ${where} refers to ${ref}, which is not defined`);
  }
  for (const [k, v] of Object.entries(node)) checkRefs(v, defs, `${where}/${k}`);
}
