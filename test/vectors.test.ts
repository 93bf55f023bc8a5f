// Schema test vectors (fixtures/vectors): modeled-type values from Bottlerocket's own unit tests, and
// whole documents per settings namespace. See fixtures/vectors/README.md for the format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { bundleSchemas, createAjv } from '../scripts/schema-tools.js';
import { parseTomlText } from '../src/parse/toml.js';
import { toJsonValue } from '../src/validate/json-input.js';
import { checkText, FIXTURES, ROOT } from './helpers.js';

const bundle = bundleSchemas(join(ROOT, 'schemas'));
const ajv = createAjv();
ajv.addSchema(bundle, 'bundle');

interface TypeVectors {
  type: string;
  source: string;
  valid?: unknown[];
  invalid?: unknown[];
  extraValid?: unknown[];
  extraInvalid?: unknown[];
}

const typeDir = join(FIXTURES, 'vectors', 'types');
for (const file of readdirSync(typeDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const v = JSON.parse(readFileSync(join(typeDir, file), 'utf8')) as TypeVectors;
  test(`modeled type ${v.type}: Bottlerocket's valid values pass, invalid values fail`, () => {
    assert.ok(v.source, `${file}: source is required`);
    const validate = ajv.getSchema(`bundle#/$defs/${v.type}`);
    assert.ok(validate, `${file}: #/$defs/${v.type} is not defined`);
    for (const value of [...(v.valid ?? []), ...(v.extraValid ?? [])]) {
      assert.equal(validate(value), true, `${v.type}: ${JSON.stringify(value)} should be valid: ${JSON.stringify(validate.errors)}`);
    }
    for (const value of [...(v.invalid ?? []), ...(v.extraInvalid ?? [])]) {
      assert.equal(validate(value), false, `${v.type}: ${JSON.stringify(value)} should be invalid`);
    }
    assert.ok((v.valid?.length ?? 0) + (v.extraValid?.length ?? 0) > 0, `${file}: no valid values`);
    assert.ok((v.invalid?.length ?? 0) + (v.extraInvalid?.length ?? 0) > 0, `${file}: no invalid values`);
  });
}

/** Where an Ajv error points, by the convention in fixtures/vectors/README.md. */
function errorPointer(e: ErrorObject): string {
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${esc(String(e.params.additionalProperty))}`;
  if (e.keyword === 'propertyNames') return `${e.instancePath}/${esc(String(e.params.propertyName))}`;
  if (e.propertyName !== undefined) return `${e.instancePath}/${esc(e.propertyName)}`;
  return e.instancePath;
}

interface SettingsCase {
  name: string;
  toml: string;
  valid?: boolean;
  errors?: string[];
  variant?: string;
  osVersion?: string;
}

const settingsDir = join(FIXTURES, 'vectors', 'settings');
for (const file of readdirSync(settingsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const spec = JSON.parse(readFileSync(join(settingsDir, file), 'utf8')) as { namespace: string; cases: SettingsCase[] };
  test(`settings.${spec.namespace}: ${spec.cases.length} documents get the expected verdict`, () => {
    const validate = ajv.getSchema('bundle');
    assert.ok(validate);
    for (const c of spec.cases) {
      const parsed = parseTomlText(c.toml);
      assert.ok(parsed.ok, `${c.name}: TOML does not parse`);
      const ok: boolean = validate(toJsonValue(parsed.parsed.value)) as boolean;
      const pointers: string[] = ok
        ? []
        : [...new Set((validate.errors ?? []).filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword)).map(errorPointer))];
      // the same case through brud's whole pipeline (target gate, TOML floats and datetimes, message mapping)
      const brud = checkText(`${spec.namespace}.toml`, c.toml, {
        ...(c.variant ? { variant: c.variant } : {}),
        ...(c.osVersion ? { osVersion: c.osVersion } : {}),
      })
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.pointer);
      if (c.valid) {
        assert.deepEqual(pointers, [], `${c.name}: expected valid`);
        assert.deepEqual(brud, [], `${c.name}: brud reports errors on a valid case`);
      } else {
        const expected = c.errors ?? [];
        assert.ok(expected.length > 0, `${c.name}: a case is either valid or lists its errors`);
        for (const p of expected)
          assert.ok(
            pointers.some((q) => q === p || q.startsWith(p + '/')),
            `${c.name}: expected an error at ${p}, got ${JSON.stringify(pointers)}`,
          );
        for (const q of pointers)
          assert.ok(
            expected.some((p) => q === p || q.startsWith(p + '/')),
            `${c.name}: unexpected error at ${q}`,
          );
        for (const p of expected)
          assert.ok(
            brud.some((q) => q === p || q.startsWith(p + '/')),
            `${c.name}: brud reports no error at ${p}, only at ${JSON.stringify(brud)}`,
          );
        for (const q of brud)
          assert.ok(
            expected.some((p) => q === p || q.startsWith(p + '/')),
            `${c.name}: brud reports an unexpected error at ${q}`,
          );
      }
    }
  });
}
