/**
 * The invariants brud keeps on any input, as functions that throw when one breaks: used by the
 * property tests (test/fuzz.test.ts, a few seconds in every `npm test`) and by `npm run fuzz` (long
 * campaigns). Each takes user-data text.
 */
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { check, compile, diff, isRuleId, merge, MAX_INPUT_BYTES, parse, type DocumentResult } from '../../src/index.js';

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype] as const;
const BEFORE = PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort().join(','));

/** No document may add a property to a built-in prototype. */
export function prototypesUntouched(): void {
  PROTOTYPES.forEach((p, i) => assert.equal(Object.getOwnPropertyNames(p).sort().join(','), BEFORE[i], 'a prototype changed'));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
}

/** check never throws; every finding names a registered rule; counts agree with the findings. */
export function checkIsTotal(text: string): DocumentResult[] {
  const results = check(text, { name: 'fuzz.toml' });
  for (const r of results) {
    for (const d of r.diagnostics) assert.ok(isRuleId(d.ruleId), `unknown rule ${d.ruleId}`);
    if (!r.omitted) assert.equal(r.errorCount, r.diagnostics.filter((d) => d.severity === 'error').length);
  }
  prototypesUntouched();
  return results;
}

/** The CLI ends with 0, 1 or 2 in every format, never an internal error, and its output is bounded. */
export async function cliIsTotal(text: string, format = 'text'): Promise<void> {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: () => new TextEncoder().encode(text),
    writeFile: () => assert.fail('no file is written'),
    env: {},
    stdoutIsTTY: false,
    cwd: process.cwd(),
  };
  const status = await main(['check', '-f', format, '-'], io);
  assert.ok(status === 0 || status === 1 || status === 2, `exit ${status}`);
  assert.doesNotMatch(err, /internal error/, err);
  assert.ok(out.length <= 4 * MAX_INPUT_BYTES + 4 * text.length + 1_000_000, `output of ${out.length} bytes for ${text.length}`);
  // eslint-disable-next-line no-control-regex -- a raw ESC is what must not appear
  if (format !== 'json' && format !== 'sarif') assert.doesNotMatch(out, /\u001b/, 'raw ESC in the output');
}

/** Every leaf of a value, as `path = JSON`, for comparing trees. */
function leaves(v: unknown, path = ''): string[] {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && v.constructor !== Number) {
    const keys = Object.keys(v);
    if (keys.length > 0 && !('value' in v && 'text' in v))
      return keys.flatMap((k) => leaves((v as Record<string, unknown>)[k], `${path}/${k}`));
  }
  return [`${path} = ${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))}`];
}

/** compile(compile(x)) = compile(x), and no setting is lost on the way. */
export function compileIsIdempotent(result: DocumentResult): void {
  if (result.errorCount > 0 || !result.document || !result.target) return;
  const once = compile(result);
  const again = check(once.toml, { name: 'compiled.toml' });
  assert.equal(again.length, 1);
  assert.equal(again[0]!.errorCount, 0, `the compiled output has errors: ${again[0]!.diagnostics[0]?.message}`);
  assert.equal(compile(again[0]!).toml, once.toml, 'compile is not idempotent');
  const parsed = parse(once.toml);
  assert.ok(parsed.ok);
  assert.deepEqual(leaves(parsed.value.settings).sort(), leaves(once.document.settings).sort(), 'a setting was lost');
}

/** diff(a, a) is equal, and diff(a, b) lists as many changes as diff(b, a). */
export function diffIsSound(a: DocumentResult, b: DocumentResult): void {
  if (!a.document || !b.document || a.fatal || b.fatal) return;
  const same = diff(a, a);
  assert.ok(same.equal && same.plan.equal, 'diff(a, a) is not equal');
  const ab = diff(a, b);
  const ba = diff(b, a);
  assert.equal(ab.changes.length, ba.changes.length, 'diff is not symmetric');
  assert.deepEqual(
    ab.changes.map((c) => c.op).sort(),
    ba.changes.map((c) => ({ add: 'remove', remove: 'add', change: 'change' })[c.op]).sort(),
  );
}

/** merge(a, b, c) = merge(merge(a, b), c) when every layer is valid on its own. */
export function mergeIsAssociative(a: string, b: string, c: string): void {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const all = merge([
    { name: 'a', bytes: bytes(a) },
    { name: 'b', bytes: bytes(b) },
    { name: 'c', bytes: bytes(c) },
  ]);
  const ab = merge([
    { name: 'a', bytes: bytes(a) },
    { name: 'b', bytes: bytes(b) },
  ]);
  if (!all.compiled || !ab.compiled) return;
  const nested = merge([
    { name: 'ab', bytes: bytes(ab.compiled.toml) },
    { name: 'c', bytes: bytes(c) },
  ]);
  assert.ok(nested.compiled, 'merge(merge(a, b), c) has errors where merge(a, b, c) has none');
  assert.equal(nested.compiled.json, all.compiled.json, 'merge is not associative');
}
