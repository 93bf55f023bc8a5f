// brud's own TOML parser (src/parse/fast.ts) against Bottlerocket's rules (toml_edit 0.22.22) and against
// the parser brud used before, toml-eslint-parser: the same values and the same positions wherever
// both accept, and a verdict that differs only where toml_edit's own rules say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseTOML, type AST } from 'toml-eslint-parser';
import { toPointer, type Span } from '../src/model/diagnostic.js';
import { TOML_RECURSION_LIMIT } from '../src/model/limits.js';
import { isTable, newTable, TomlDateTime, TomlFloat, type TomlTable, type TomlValue } from '../src/model/value.js';
import { parseToml } from '../src/parse/fast.js';
import { parseTomlText } from '../src/parse/toml.js';
import { unwrapUserData } from '../src/input/unwrap.js';
import { FIXTURES, ROOT } from './helpers.js';

// ---- the reference: toml-eslint-parser with the converter brud used until it had its own parser ----

type Located = { key: Span; value: Span; definitive: boolean };
type Ref = { ok: true; value: TomlTable; positions: Map<string, Located>; headers: Array<{ span: Span; quoted: boolean }> } | { ok: false };

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

function reference(text: string): Ref {
  let ast: AST.TOMLProgram;
  try {
    if (/\r(?!\n)/.test(text)) return { ok: false };
    ast = parseTOML(text, { tomlVersion: '1.0' });
  } catch {
    return { ok: false };
  }
  const positions = new Map<string, Located>();
  const record = (path: Array<string | number>, key: Span, value: Span, definitive = false) => {
    const p = toPointer(path);
    const prev = positions.get(p);
    if (!prev || (definitive && !prev.definitive)) positions.set(p, { key, value, definitive });
  };
  const spanOf = (n: AST.TOMLNode): Span => ({
    line: n.loc.start.line,
    column: n.loc.start.column + 1,
    endLine: n.loc.end.line,
    endColumn: n.loc.end.column + 1,
  });
  const name = (k: AST.TOMLBare | AST.TOMLQuoted) => (k.type === 'TOMLBare' ? k.name : k.value);
  let outOfRange = false;
  const scalar = (node: AST.TOMLValue): TomlValue => {
    switch (node.kind) {
      case 'integer': {
        const big = node.bigint;
        if (big > I64_MAX || big < I64_MIN) outOfRange = true;
        return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      }
      case 'float':
        return new TomlFloat(node.value, node.number);
      case 'string':
      case 'boolean':
        return node.value;
      default:
        return new TomlDateTime(node.kind, node.datetime);
    }
  };
  const convert = (node: AST.TOMLContentNode, path: Array<string | number>): TomlValue => {
    if (node.type === 'TOMLArray')
      return node.elements.map((el, i) => {
        const v = convert(el, [...path, i]);
        record([...path, i], spanOf(el), spanOf(el), true);
        return v;
      });
    if (node.type === 'TOMLInlineTable') {
      const t = newTable();
      for (const kv of node.body) setKv(t, path, kv);
      return t;
    }
    return scalar(node);
  };
  const setKv = (base: TomlTable, basePath: Array<string | number>, kv: AST.TOMLKeyValue) => {
    let t = base;
    const path = [...basePath];
    const keys = kv.key.keys;
    for (let i = 0; i < keys.length - 1; i++) {
      const k = name(keys[i]!);
      path.push(k);
      if (!(k in t)) t[k] = newTable();
      t = t[k] as TomlTable;
      record(path, spanOf(keys[i]!), spanOf(keys[i]!));
    }
    const last = keys[keys.length - 1]!;
    path.push(name(last));
    t[name(last)] = convert(kv.value, path);
    record(path, spanOf(last), spanOf(kv.value), true);
  };
  const root = newTable();
  const headers: Array<{ span: Span; quoted: boolean }> = [];
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLKeyValue') {
      setKv(root, [], item);
      continue;
    }
    headers.push({ span: spanOf(item.key), quoted: item.key.keys.some((k) => k.type === 'TOMLQuoted') });
    const header = spanOf(item.key);
    let cur: TomlValue = root;
    const path: Array<string | number> = [];
    let seg = 0;
    const resolved = item.resolvedKey;
    for (let i = 0; i < resolved.length; i++) {
      const k = resolved[i]!;
      path.push(k);
      if (typeof k === 'number') {
        const arr = cur as unknown as TomlValue[];
        if (arr[k] === undefined) arr[k] = newTable();
        cur = arr[k] as TomlTable;
        record(path, header, header);
        continue;
      }
      const written = spanOf(item.key.keys[seg++]!);
      const table = cur as TomlTable;
      const nextIsIndex = typeof resolved[i + 1] === 'number';
      if (!(k in table)) table[k] = nextIsIndex ? [] : newTable();
      cur = table[k] as TomlTable;
      const isLast = i === resolved.length - 1;
      if (isLast || nextIsIndex) record(path, written, header, isLast);
      else record(path, written, written);
    }
    for (const kv of item.body) setKv(cur as TomlTable, path, kv);
  }
  return outOfRange ? { ok: false } : { ok: true, value: root, positions, headers };
}

/** What brud's parser says, with its positions, in the reference's shape. */
function ours(text: string) {
  const r = parseToml(text);
  if (!r.ok) return r;
  const parsed = parseTomlText(text);
  assert.ok(parsed.ok);
  const positions = new Map<string, { key: Span; value: Span }>();
  for (const p of parsed.parsed.positions.pointers()) {
    const at = parsed.parsed.positions.get(p)!;
    positions.set(p, { key: at.key, value: at.value });
  }
  return { ok: true as const, value: r.value, positions, headers: parsed.parsed.headers };
}

function same(a: TomlValue, b: TomlValue, where: string): void {
  if (a instanceof TomlFloat || b instanceof TomlFloat) {
    assert.ok(a instanceof TomlFloat && b instanceof TomlFloat, `${where}: float`);
    assert.ok(Object.is(a.value, b.value) || (Number.isNaN(a.value) && Number.isNaN(b.value)), `${where}: ${a.value} vs ${b.value}`);
    assert.equal(a.text, b.text, where);
    return;
  }
  if (a instanceof TomlDateTime || b instanceof TomlDateTime) {
    assert.deepEqual([(a as TomlDateTime).kind, (a as TomlDateTime).text], [(b as TomlDateTime).kind, (b as TomlDateTime).text], where);
    return;
  }
  if (Array.isArray(a)) {
    assert.ok(Array.isArray(b) && a.length === b.length, `${where}: array`);
    a.forEach((x, i) => same(x, b[i]!, `${where}[${i}]`));
    return;
  }
  if (isTable(a)) {
    assert.ok(isTable(b), `${where}: table`);
    assert.deepEqual(Object.keys(a), Object.keys(b), `${where}: keys in order`);
    for (const k of Object.keys(a)) same(a[k]!, b[k]!, `${where}.${k}`);
    return;
  }
  assert.ok(
    Object.is(a, b),
    `${where}: ${typeof a} ${JSON.stringify(a, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))} vs ${typeof b}`,
  );
}

/** The two parsers agree: the same verdict, values, key order, positions and headers; or a difference toml_edit's rules explain. */
function agree(text: string): 'both' | 'rejected' | 'toml_edit' {
  const mine = ours(text);
  const ref = reference(text);
  if (mine.ok && ref.ok) {
    same(mine.value, ref.value, JSON.stringify(text));
    assert.deepEqual(
      [...mine.positions.entries()].sort(),
      [...ref.positions.entries()].map(([p, l]) => [p, { key: l.key, value: l.value }]).sort(),
      JSON.stringify(text),
    );
    assert.deepEqual(mine.headers, ref.headers, JSON.stringify(text));
    return 'both';
  }
  if (!mine.ok && !ref.ok) return 'rejected';
  // toml_edit 0.22 accepts a dotted key through an array of tables (state.rs descend_path)
  if (mine.ok) {
    assert.ok(
      parseToml(text).ok && (parseToml(text) as { dottedIntoArrayOfTables?: true }).dottedIntoArrayOfTables,
      `${JSON.stringify(text)}: brud accepts what toml-eslint-parser rejects`,
    );
    return 'toml_edit';
  }
  // and rejects what toml-eslint-parser accepts only for an overflowing float and for a dotted key that
  // adds to a table a header made (toml-rs/toml issue 1106)
  assert.ok(
    mine.error.kind === 'floatRange' || (mine.error.kind === 'duplicate' && mine.error.message.includes('made; write the key')),
    `${JSON.stringify(text)}: only brud rejects it: ${mine.error.message}`,
  );
  return 'toml_edit';
}

// ---- Bottlerocket's rules ----

test('issue 9 item 2: a float that overflows (1e400) is a parse error as in toml_edit; -1e400 is -inf; nan and inf are kept', () => {
  for (const lit of ['1e400', '+1e400', '1.0e309', '1' + '0'.repeat(400) + '.0']) {
    const r = parseTomlText(`[settings]\nx = ${lit}\n`);
    assert.ok(!r.ok, lit);
    assert.equal(r.finding.ruleId, 'parse/syntax');
    assert.match(r.finding.message, /too large: it overflows a 64-bit float/);
    assert.deepEqual([r.finding.span!], [{ line: 2, column: 5, endLine: 2, endColumn: 6 }]);
  }
  const ok = parseToml('a = -1e400\nb = nan\nc = -inf\nd = +inf\ne = 1e-400\nf = -nan\ng = inf\n');
  assert.ok(ok.ok);
  const v = ok.value as Record<string, TomlFloat>;
  assert.deepEqual(
    Object.keys(v).map((k) => [k, v[k]!.value, v[k]!.text]),
    [
      ['a', -Infinity, '-1e400'],
      ['b', NaN, 'nan'],
      ['c', -Infinity, '-inf'],
      ['d', Infinity, '+inf'],
      ['e', 0, '1e-400'],
      ['f', NaN, '-nan'],
      ['g', Infinity, 'inf'],
    ],
  );
});

test("toml_edit's nesting limits: 79 nested arrays or inline tables and 79 key parts are accepted, 80 rejected", () => {
  const max = TOML_RECURSION_LIMIT - 1;
  const nest = (n: number, o: string, c: string) => `a = ${o.repeat(n)}${c.repeat(n)}\n`;
  assert.ok(parseToml(nest(max, '[', ']')).ok);
  assert.equal(parseToml(nest(max + 1, '[', ']')).ok, false);
  const inline = (n: number) => `a = ${'{ b = '.repeat(n - 1)}{}${' }'.repeat(n - 1)}\n`;
  assert.ok(parseToml(inline(max)).ok);
  const deep = parseToml(inline(max + 1));
  assert.ok(!deep.ok && deep.error.kind === 'tooDeepValue');
  const key = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`).join('.');
  for (const form of [
    (k: string) => `${k} = 1\n`,
    (k: string) => `[${k}]\n`,
    (k: string) => `[[${k}]]\n`,
    (k: string) => `a = { ${k} = 1 }\n`,
  ]) {
    assert.ok(parseToml(form(key(max))).ok, form('…'));
    const r = parseToml(form(key(max + 1)));
    assert.ok(!r.ok && r.error.kind === 'tooDeepKey', form('…'));
  }
  // mixed: the limit counts arrays and inline tables together
  assert.ok(parseToml(`a = ${'[{b = '.repeat(39)}[]${'}]'.repeat(39)}\n`).ok);
  assert.equal(parseToml(`a = ${'[{b = '.repeat(40)}1${'}]'.repeat(40)}\n`).ok, false);
});

test('issue 10: dotted keys inside nested inline tables, within the 79/79 limits, parse without exhausting the stack', () => {
  const k = Array(78).fill('k').join('.');
  let v = '1';
  for (let i = 0; i < 78; i++) v = `{ ${k} = ${v} }`;
  const r = parseToml(`[settings]\n${k} = ${v}\n`);
  assert.ok(r.ok);
  let depth = 0;
  let cur: TomlValue = r.value;
  while (isTable(cur)) {
    const keys: string[] = Object.keys(cur);
    cur = cur[keys[0]!]!;
    depth++;
  }
  assert.equal(depth, 1 + 78 * 79);
  assert.equal(cur, 1);
  // and a million characters of brackets end in the nesting error, not a stack overflow
  const huge = parseTomlText(`a = ${'['.repeat(500_000)}${']'.repeat(500_000)}\n`);
  assert.ok(!huge.ok && huge.finding.ruleId === 'parse/too-deep');
});

test('TOML 1.1 syntax is rejected as toml_edit 0.22 rejects it', () => {
  for (const doc of [
    'a = "\\e"\n',
    'a = "\\x41"\n',
    'a = { b = 1, }\n',
    'a = {\n b = 1 }\n',
    'a = 07:32\n',
    'a = 1979-05-27T07:32\n',
    'a = 1979-05-27 07:32Z\n',
  ]) {
    assert.equal(parseToml(doc).ok, false, doc);
    assert.equal(parseTomlText(doc).ok, false, doc);
  }
});

test("toml_edit 0.22's table rules: a dotted key may not add to a table a header made; through an array of tables it reaches the last element", () => {
  // toml-rs/toml issue 1106 (fixed in 2026, after the toml_edit 0.22.22 that Bottlerocket ships)
  const doc = '[settings.kubernetes.node-labels]\na = "b"\n[settings]\nkubernetes.max-pods = 110\n';
  const r = parseTomlText(doc);
  assert.ok(!r.ok);
  assert.equal(r.finding.ruleId, 'parse/syntax');
  assert.deepEqual(r.finding.span, { line: 4, column: 1, endLine: 4, endColumn: 2 });
  assert.match(r.finding.message, /does not let a dotted key add to a table that a \[table\] header made/);
  // the same keys written under their own header are fine
  assert.ok(parseToml('[settings.kubernetes.node-labels]\na = "b"\n[settings.kubernetes]\nmax-pods = 110\n').ok);
  // state.rs descend_path: a dotted key through an array of tables continues in its last element
  const aot = parseToml('[[t.arr]]\n[[t.arr]]\n[t]\narr.x.y = 1\n');
  assert.ok(aot.ok);
  assert.deepEqual(JSON.parse(JSON.stringify(aot.value)), { t: { arr: [{}, { x: { y: 1 } }] } });
  assert.equal(parseToml('[[t.arr]]\n[t]\narr.v = 1\n').ok, false);
  // and the usual redefinitions
  for (const bad of ['a.b = 1\n[a]\n', '[a]\n[a]\n', 'a = {}\n[a.b]\n', '[[a]]\n[a]\n', 'a = []\n[[a]]\n', 'a = { b.c = 1, b = 2 }\n'])
    assert.equal(parseToml(bad).ok, false, bad);
  for (const good of ['[a.b]\n[a]\n', 'a.b.c = 1\n[a.b.d]\n', 'a = { b.c = 1, b.d = 2 }\n', '[[a.b]]\n[a]\nc = 1\n'])
    assert.ok(parseToml(good).ok, good);
});

// ---- the two parsers side by side ----

function tomlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tomlFiles(p, out);
    else if (name.endsWith('.toml')) out.push(p);
  }
  return out;
}

test('the same verdict, values, key order and positions as toml-eslint-parser on every fixture and toml-test file', () => {
  const files = [...tomlFiles(FIXTURES), ...tomlFiles(join(ROOT, 'examples'))];
  const counts = { both: 0, rejected: 0, toml_edit: 0 };
  for (const file of files) {
    for (const doc of unwrapUserData(file, readFileSync(file))) {
      if (doc.text === undefined) continue;
      counts[agree(doc.text)]++;
    }
  }
  assert.ok(counts.both > 300 && counts.rejected > 490, JSON.stringify(counts));
  assert.equal(counts.toml_edit, 0);
});

const key = fc.constantFrom('a', 'b', 'c', 'settings', 'x-y', '_9', '"a"', "'b'", '"q.k"', '"é"', '""', 'true', '1');
const dotted = fc.tuple(fc.array(key, { minLength: 1, maxLength: 3 }), fc.constantFrom('.', ' . ')).map(([k, dot]) => k.join(dot));
const scalar = fc.oneof(
  fc.constantFrom('0', '-0', '+7', '1_000', '0x1F', '0o17', '0b101', '9223372036854775807', '-9223372036854775808', '9223372036854775808'),
  fc.constantFrom('1.5', '-0.0', '6.02e23', '1e400', '-1e400', '1e-400', 'inf', '-inf', 'nan', '+nan', '1_0.5e1_0', '3.0E+2'),
  fc.constantFrom(
    'true',
    'false',
    '1979-05-27',
    '1979-05-27T07:32:00Z',
    '1979-05-27 07:32:00.999999-07:00',
    '07:32:00',
    '2024-02-29T00:00:00',
  ),
  fc.constantFrom('"a\\tb\\u00e9\\U0001F600"', "'C:\\\\x'", '"""\nml\\\n  x""""', "'''\nl\n''''", '""', "''", '"é😀"'),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
);
const { value } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc
      .tuple(fc.array(tie('value'), { maxLength: 3 }), fc.constantFrom('', ',', ' # c\n'))
      .map(([a, tail]) => `[${a.join(', ')}${a.length ? tail : ''}]`),
    fc.array(fc.tuple(dotted, tie('value')), { maxLength: 3 }).map((kv) => `{ ${kv.map(([k, v]) => `${k} = ${v}`).join(', ')} }`),
  ),
}));
const line = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(dotted, value).map(([k, v]) => `${k} = ${v}`) },
  { weight: 2, arbitrary: dotted.map((k) => `[${k}]`) },
  { weight: 1, arbitrary: dotted.map((k) => `[[${k}]]`) },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '', '  ', '\t# é') },
);
const documents = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([lines, nl]) => lines.join(nl) + nl);
const significant = fc.constantFrom(
  '[',
  ']',
  '{',
  '}',
  '=',
  '.',
  ',',
  '"',
  "'",
  '#',
  '\n',
  '\r',
  ' ',
  '\\',
  '_',
  'e',
  '+',
  '-',
  ':',
  'T',
  '\u0000',
  '\u007f',
);
const mutated = fc.tuple(documents, fc.array(fc.tuple(fc.nat(), fc.boolean(), significant), { maxLength: 3 })).map(([doc, edits]) => {
  let s = doc;
  for (const [at, insert, ch] of edits) {
    const i = s.length === 0 ? 0 : at % s.length;
    s = insert ? s.slice(0, i) + ch + s.slice(i) : s.slice(0, i) + s.slice(i + 1);
  }
  return s;
});

test('differential: generated and mutated documents get the same verdict, values and positions from both parsers', () => {
  const counts = { both: 0, rejected: 0, toml_edit: 0 };
  fc.assert(
    fc.property(fc.oneof(documents, mutated), (doc) => {
      counts[agree(doc)]++;
    }),
    { numRuns: 1000, seed: 20261204 },
  );
  assert.ok(counts.both > 300 && counts.rejected > 300 && counts.toml_edit > 5, JSON.stringify(counts));
});
