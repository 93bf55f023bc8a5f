// The parser against two references: the position index covers every key and value of the toml-test
// valid files, and a second parser (smol-toml, test-only) decodes every fixture the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as smolParse } from 'smol-toml';
import { toPointer } from '../src/model/diagnostic.js';
import { parseTomlText } from '../src/parse/toml.js';
import { unwrapUserData } from '../src/input/unwrap.js';
import { isTable, TomlDateTime, TomlFloat, type TomlValue } from '../src/model/value.js';
import { FIXTURES, ROOT } from './helpers.js';

function* paths(v: TomlValue, path: Array<string | number> = []): Generator<Array<string | number>> {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      yield [...path, i];
      yield* paths(v[i], [...path, i]);
    }
  } else if (isTable(v)) {
    for (const k of Object.keys(v)) {
      yield [...path, k];
      yield* paths(v[k], [...path, k]);
    }
  }
}

test('every key and value of the toml-test valid files has a position', () => {
  const dir = join(FIXTURES, 'toml-test');
  const list = readFileSync(join(dir, 'files-toml-1.0.0'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('valid/') && l.endsWith('.toml'));
  let count = 0;
  for (const f of list) {
    const [doc] = unwrapUserData(f, readFileSync(join(dir, f)));
    const res = parseTomlText(doc.text!);
    assert.ok(res.ok);
    const recorded = new Set(res.parsed.positions.pointers());
    for (const p of paths(res.parsed.value)) {
      assert.ok(recorded.has(toPointer(p)), `${f}: no position for ${toPointer(p)}`);
      count++;
    }
  }
  assert.ok(count > 1000, `only ${count} paths`);
});

test('positions point at the key and at the value as written, for every spelling', () => {
  const text =
    '[settings.kubernetes]\nnode-labels."a/b" = "x"\n\n[settings]\nhost-containers = { admin = { enabled = true } }\n\n[[settings.container-registry.mirrors]]\nendpoint = ["https://m"]\n';
  const res = parseTomlText(text);
  assert.ok(res.ok);
  const at = (p: string) => res.parsed.positions.get(p)!;
  assert.deepEqual(at('/settings/kubernetes/node-labels/a~1b').key, { line: 2, column: 13, endLine: 2, endColumn: 18 });
  assert.deepEqual(at('/settings/kubernetes/node-labels/a~1b').value, { line: 2, column: 21, endLine: 2, endColumn: 24 });
  assert.deepEqual(at('/settings/host-containers/admin/enabled').value, { line: 5, column: 41, endLine: 5, endColumn: 45 });
  assert.deepEqual(at('/settings/container-registry/mirrors/0/endpoint/0').value, { line: 8, column: 13, endLine: 8, endColumn: 24 });
  // a missing key points at the nearest written ancestor
  assert.deepEqual(res.parsed.positions.locate({ path: ['settings', 'host-containers', 'admin', 'source'] }), {
    line: 5,
    column: 29,
    endLine: 5,
    endColumn: 47,
  });
});

/** A datetime as text both parsers can agree on: an instant in UTC, or a local value to the millisecond. */
function normDate(text: string): string {
  const t = text.toUpperCase().replace(' ', 'T');
  if (/T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(t)) return new Date(t).toISOString();
  const [head, fraction = ''] = t.split('.');
  return /\d{2}:\d{2}:\d{2}$/.test(head!) ? `${head}.${fraction.slice(0, 3).padEnd(3, '0')}` : t;
}

/** Either parser's value as plain JSON-like data: big integers tagged, datetimes normalized, keys sorted. */
function plain(v: unknown): unknown {
  if (v instanceof TomlFloat) return Number.isNaN(v.value) ? 'NaN' : v.value;
  if (v instanceof TomlDateTime) return `dt:${normDate(v.text)}`;
  if (v instanceof Date) return `dt:${normDate(v.toISOString())}`;
  if (typeof v === 'bigint') return `int:${v}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, plain((v as Record<string, unknown>)[k])]),
    );
  return v;
}

function tomlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'toml-test' && name !== 'golden') tomlFiles(p, out);
    } else if (name.endsWith('.toml')) out.push(p);
  }
  return out;
}

/** Fixtures that are not TOML 1.0, on purpose, and why; any other file brud rejects fails the test. */
const NOT_PARSED: Record<string, string> = {
  'fixtures/corpus/real-world/033-brweb-nvidia-cdi-alternatives.toml': 'the docs list five alternatives of one key: a duplicate key',
  'fixtures/corpus/real-world/reported-invalid/R01-br2024-duplicate-settings-kubernetes.toml':
    'reported as breaking boot: a duplicate table',
  'fixtures/corpus/real-world/reported-invalid/R04-karpenter4814-mirrors-table-unterminated-string.toml':
    'reported as breaking boot: an unterminated string',
  'fixtures/corpus/real-world/templated/T01-br-readme-oci-rlimit-placeholder.toml': 'a <placeholder> in a table header',
  'fixtures/corpus/real-world/templated/T06-tfeks-bottlerocket_user_data.tpl.toml': 'Terraform template syntax',
  'fixtures/corpus/real-world/templated/T07-tfeks-bottlerocket_custom.tpl.toml': 'Terraform template syntax',
  'fixtures/corpus/real-world/templated/T08-eksbp-userdata-bottlerocket.tpl.toml': 'Terraform template syntax',
};

test('smol-toml (a second parser, test-only) decodes every fixture brud accepts, and the toml-test valid files, to the same values', () => {
  const toml = join(FIXTURES, 'toml-test');
  const conformance = readFileSync(join(toml, 'files-toml-1.0.0'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('valid/') && l.endsWith('.toml'))
    .map((f) => join(toml, f));
  const files = [...tomlFiles(FIXTURES), ...tomlFiles(join(ROOT, 'examples')), ...conformance];
  const rejected: string[] = [];
  let datetimes = 0;
  for (const file of files) {
    const [doc] = unwrapUserData(file, readFileSync(file));
    const ours = doc!.text === undefined ? undefined : parseTomlText(doc!.text);
    if (!ours?.ok) {
      rejected.push(relative(ROOT, file));
      continue;
    }
    let theirs: unknown;
    try {
      theirs = smolParse(doc!.text!, { integersAsBigInt: 'asNeeded' });
    } catch (e) {
      assert.fail(`${file}: brud accepts it but smol-toml rejects it: ${(e as Error).message}`);
    }
    const mine = JSON.stringify(plain(ours.parsed.value));
    datetimes += mine.split('"dt:').length - 1;
    assert.equal(mine, JSON.stringify(plain(theirs)), file);
  }
  assert.deepEqual(rejected, Object.keys(NOT_PARSED));
  assert.ok(datetimes > 20, `only ${datetimes} datetimes compared`);
});
