// The schemas themselves: every definition names its source, namespaces are modelled, releases are well
// formed, and dist/generated was built from them. (That the shipped validator agrees with one compiled
// from the full schemas is test/agreement.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSchemas } from '../scripts/schema-tools.js';
import { ROOT } from './helpers.js';

const bundle = bundleSchemas(join(ROOT, 'schemas')) as { $defs: Record<string, Record<string, unknown>> };

test('every schema definition names its source (x-source with repo and path)', () => {
  const bad: string[] = [];
  for (const [name, def] of Object.entries(bundle.$defs)) {
    const src = def['x-source'];
    const list = Array.isArray(src) ? src : [src];
    if (!src || list.some((s) => typeof s !== 'string' || !/^[\w.-]+\/[\w.-]+:\S/.test(s))) bad.push(name);
  }
  assert.deepEqual(bad, []);
});

test('no settings namespace is left as a placeholder that accepts anything', () => {
  const settings = bundle.$defs.settings.properties as Record<string, { $ref: string }>;
  for (const [ns, prop] of Object.entries(settings)) {
    const def = bundle.$defs[prop.$ref.replace('#/$defs/', '')];
    assert.ok(def.type === 'object' || def.type === 'string' || def.anyOf, `settings.${ns} is not modelled`);
  }
});

test('keys added after their namespace carry a release (x-since) in X.Y.Z form', () => {
  const text = JSON.stringify(bundle);
  for (const m of text.matchAll(/"x-since":"([^"]*)"/g)) assert.match(m[1], /^\d+\.\d+\.\d+$/);
  for (const m of text.matchAll(/"x-(?:key|enum)-since":\{([^}]*)\}/g))
    for (const v of m[1].matchAll(/:"([^"]*)"/g)) assert.match(v[1], /^\d+\.\d+\.\d+$/);
});

// `npm test` builds first, so there this always holds; it catches `node --test dist/test/…` runs (the way
// single files are run while iterating) against a build older than the last schema change.
test('dist/generated was built from the current schemas/ (catches test runs against a stale build)', () => {
  const built = JSON.parse(readFileSync(join(ROOT, 'dist', 'generated', 'userdata.schema.json'), 'utf8'));
  assert.deepEqual(built, bundle);
});
