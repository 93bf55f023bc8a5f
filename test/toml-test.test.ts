// The official TOML 1.0 compliance cases (fixtures/toml-test, MIT) through brud's parser:
// every valid file must decode to its tagged JSON, every invalid file must be rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unwrapUserData } from '../src/input/unwrap.js';
import { parseTomlText } from '../src/parse/toml.js';
import { isTable, TomlDateTime, TomlFloat, type TomlValue } from '../src/model/value.js';
import { FIXTURES } from './helpers.js';

const dir = join(FIXTURES, 'toml-test');
const list = readFileSync(join(dir, 'files-toml-1.0.0'), 'utf8')
  .split('\n')
  .filter((l) => l.endsWith('.toml'));
const valid = list.filter((f) => f.startsWith('valid/'));
const invalid = list.filter((f) => f.startsWith('invalid/'));

type Tagged = { type: string; value: string } | Tagged[] | { [k: string]: Tagged };

function normDate(s: string): string {
  // compare as toml-test does: instants truncated to milliseconds, `T`/space and case folded
  let t = s.toUpperCase().replace(' ', 'T');
  t = t.replace(/(\.\d{3})\d+/, '$1').replace(/\.(\d{1,2})(?!\d)/, (_m, d: string) => '.' + d.padEnd(3, '0'));
  if (/[Z+-]\d{0,2}:?\d{0,2}$/.test(t) && /T\d{2}:\d{2}:\d{2}/.test(t) && /(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    return new Date(t).toISOString();
  }
  return t.replace(/\.000$/, '').replace(/\.000(?=$)/, '');
}

function equal(actual: TomlValue, expected: Tagged, where: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array`);
    assert.equal(actual.length, expected.length, `${where}: array length`);
    expected.forEach((e, i) => equal(actual[i], e, `${where}[${i}]`));
    return;
  }
  if (typeof expected.type === 'string' && typeof expected.value === 'string' && Object.keys(expected).length === 2) {
    const { type, value } = expected as { type: string; value: string };
    switch (type) {
      case 'string':
        assert.equal(actual, value, where);
        return;
      case 'bool':
        assert.equal(actual, value === 'true', where);
        return;
      case 'integer':
        assert.ok(typeof actual === 'number' || typeof actual === 'bigint', `${where}: integer expected`);
        assert.equal(BigInt(actual), BigInt(value), where);
        return;
      case 'float': {
        assert.ok(actual instanceof TomlFloat, `${where}: float expected`);
        const exp = value === 'nan' || value === '+nan' || value === '-nan' ? NaN : Number(value.replace('inf', 'Infinity'));
        if (Number.isNaN(exp)) assert.ok(Number.isNaN(actual.value), where);
        else assert.equal(actual.value, exp, where);
        return;
      }
      case 'datetime':
      case 'datetime-local':
      case 'date-local':
      case 'time-local':
        assert.ok(actual instanceof TomlDateTime, `${where}: datetime expected`);
        assert.equal(normDate(actual.text), normDate(value), where);
        return;
    }
  }
  assert.ok(isTable(actual), `${where}: expected a table`);
  const exp = expected as { [k: string]: Tagged };
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(exp).sort(), `${where}: keys`);
  for (const k of Object.keys(exp)) equal(actual[k], exp[k], `${where}.${k}`);
}

test(`toml-test: all ${valid.length} valid TOML 1.0 files decode to their expected values`, () => {
  assert.equal(valid.length, 210);
  for (const f of valid) {
    const [doc] = unwrapUserData(f, readFileSync(join(dir, f)));
    assert.ok(doc.text !== undefined, `${f}: not read: ${doc.findings.map((x) => x.message).join('; ')}`);
    const res = parseTomlText(doc.text);
    assert.ok(res.ok, `${f}: rejected: ${res.ok ? '' : res.finding.message}`);
    const expected = JSON.parse(readFileSync(join(dir, f.replace(/\.toml$/, '.json')), 'utf8')) as Tagged;
    equal(res.parsed.value, expected, f);
  }
});

test(`toml-test: all ${invalid.length} invalid TOML 1.0 files are rejected`, () => {
  assert.equal(invalid.length, 499);
  const accepted: string[] = [];
  for (const f of invalid) {
    const docs = unwrapUserData(f, readFileSync(join(dir, f)));
    // rejected when the bytes are not UTF-8 text (no document text) or the parser refuses them
    if (docs.some((d) => d.text !== undefined && parseTomlText(d.text).ok)) accepted.push(f);
  }
  assert.deepEqual(accepted, []);
});
