// The playground's logic (web/analyze.ts, web/state.ts) in Node: findings placed at the right offsets
// with their quick fixes, the verdict line, outputs, hover and completion from the schema, shared links.
// The page itself is tested in Chromium by `npm run test:browser` (web/test/playground.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, completeAt, diffWith, explainAt, fixesFor, keyAt, schemaFor, type Options } from '../web/analyze.js';
import { decodeState, encodeState } from '../web/state.js';
import { ROOT } from './helpers.js';

const NONE: Options = { variant: '', release: '', wrapper: '', gzip: false };
const example = (name: string): string => readFileSync(join(ROOT, 'examples', name), 'utf8');

/** Applies a fix to the text. */
const apply = (text: string, f: { from: number; to: number; insert: string }): string =>
  text.slice(0, f.from) + f.insert + text.slice(f.to);

test('analyze places each finding at its text and offers the fix its message names', () => {
  const text = example('broken.toml');
  const a = analyze(text, NONE);
  assert.equal(a.errorCount, 3);
  assert.match(a.verdict, /^✖ 3 errors and 0 warnings \(checked against aws-k8s \(inferred\), Bottlerocket \d+\.\d+\.\d+\)$/);
  assert.equal(a.compiled, undefined);
  assert.match(a.blocked!, /Bottlerocket would reject this user-data \(3 errors\)/);
  const byRule = new Map(a.placed.map((p) => [p.diagnostic.ruleId, p]));
  const type = byRule.get('schema/type')!;
  assert.equal(text.slice(type.from, type.to), '"58"');
  assert.deepEqual(
    type.fixes.map((f) => f.insert),
    ['58'],
  );
  const unknown = byRule.get('schema/unknown-key')!;
  assert.equal(text.slice(unknown.from, unknown.to), 'bootstrap-contianers');
  assert.deepEqual(
    unknown.fixes.map((f) => f.insert),
    ['bootstrap-containers'],
  );
  const mode = byRule.get('schema/invalid-value')!;
  assert.equal(text.slice(mode.from, mode.to), '"sometimes"');
  assert.deepEqual(
    mode.fixes.map((f) => f.insert),
    ['"always"', '"once"', '"off"'],
  );
  // the three fixes together give a document Bottlerocket accepts
  let fixed = text;
  for (const f of [mode.fixes[1]!, unknown.fixes[0]!, type.fixes[0]!]) fixed = apply(fixed, f); // from the end backwards
  const after = analyze(fixed, NONE);
  assert.equal(after.errorCount, 0, after.placed.map((p) => p.diagnostic.message).join('\n'));
  assert.ok(after.plan && after.compiled && after.ec2);
});

test('a valid document gets its verdict, plan, canonical TOML and EC2 outputs within the budget', () => {
  const a = analyze(example('userdata.toml'), NONE);
  assert.match(a.verdict, /^✔ no errors or warnings \(checked against aws-k8s \(inferred\)/);
  assert.ok(a.plan!.stages.some((s) => s.steps.some((step) => step.name === '10-ephemeral-storage')));
  assert.match(a.compiled!.toml, /\[settings\.kubernetes\]/);
  assert.equal(a.ec2!.limit, 16384);
  assert.equal(a.ec2!.bytes, new TextEncoder().encode(a.compiled!.toml).length);
  assert.equal(atob(a.ec2!.base64!), a.compiled!.toml);
  assert.equal(JSON.parse(a.ec2!.launchTemplate!).UserData, a.ec2!.base64);
  const zipped = analyze(example('userdata.toml'), { ...NONE, gzip: true });
  assert.ok(zipped.ec2!.bytes < a.ec2!.bytes);
});

test('a document over the EC2 budget says so instead of giving output', () => {
  const big =
    '[settings.kubernetes.node-labels]\n' +
    Array.from({ length: 900 }, (_, i) => `"k${i}.example.com/x${(i * 7919) % 10007}" = "v${i}"\n`).join('');
  const a = analyze(big, NONE);
  assert.equal(a.errorCount, 0);
  assert.ok(a.ec2!.bytes > 16384);
  assert.equal(a.ec2!.base64, undefined);
  assert.match(a.ec2!.error!, /EC2 accepts at most 16384 bytes/);
});

test('the variant picker decides which namespaces are valid', () => {
  const text = '[settings.ecs]\ncluster = "prod"\n';
  assert.equal(analyze(text, NONE).errorCount, 0);
  const k8s = analyze(text, { ...NONE, variant: 'aws-k8s-1.31' });
  assert.equal(k8s.errorCount, 1);
  assert.equal(k8s.placed[0]!.diagnostic.ruleId, 'schema/not-on-variant');
  assert.equal(text.slice(k8s.placed[0]!.from, k8s.placed[0]!.to), 'ecs');
  assert.match(k8s.verdict, /checked against aws-k8s-1\.31, Bottlerocket/);
});

test('a wrapper adds its own findings and notes, marked as the wrapper', () => {
  const text = '[settings.kubernetes]\ncluster-name = "a"\napi-server = "https://example.com"\nmax-pods = 10\n';
  const a = analyze(text, { ...NONE, wrapper: 'karpenter' });
  const wrapper = a.placed.filter((p) => p.fromWrapper);
  assert.ok(wrapper.length > 0);
  assert.ok(wrapper.every((p) => p.from <= p.to && p.to <= text.length));
});

test('fixes are offered only where the message names one, and keep quoting right', () => {
  const d = (message: string) => ({ message }) as Parameters<typeof fixesFor>[0];
  assert.deepEqual(fixesFor(d('unknown key "a/b"; did you mean "a.b/c"?'), 'a/b', 0, 3), [
    { label: 'Change to a.b/c', from: 0, to: 3, insert: '"a.b/c"' },
  ]);
  assert.deepEqual(fixesFor(d('x; did you mean "once"?'), '"onse"', 5, 11), [
    { label: 'Change to once', from: 5, to: 11, insert: '"once"' },
  ]);
  assert.deepEqual(fixesFor(d('expected a string: write it as "10"'), '10', 0, 2), [
    { label: 'Write "10"', from: 0, to: 2, insert: '"10"' },
  ]);
  assert.deepEqual(fixesFor(d('expected an integer, found a float 3.0: write it as an integer, 3'), '3.0', 0, 3)[0]!.insert, '3');
  assert.deepEqual(fixesFor(d('expected one of "a", "b"'), 'x', 0, 1), []);
  assert.deepEqual(fixesFor(d('not a setting of aws-k8s-1.31'), 'ecs', 0, 3), []);
});

test('hover finds the key under the cursor and explains it; an unknown key has no hover', () => {
  const text = '[settings.kubernetes]\nmax-pods = 10\n[settings.kubernetes.node-labels]\n"a.b/c" = "x"\n';
  assert.deepEqual(keyAt(text, text.indexOf('max-pods') + 2), { from: 22, to: 30, keyPath: 'settings.kubernetes.max-pods' });
  assert.equal(keyAt(text, text.indexOf('kubernetes') + 1)!.keyPath, 'settings.kubernetes');
  assert.equal(keyAt(text, text.indexOf('"a.b/c"') + 2)!.keyPath, 'settings.kubernetes.node-labels."a.b/c"');
  assert.equal(keyAt(text, text.indexOf('10')), undefined);
  assert.equal(keyAt('[settings', 3), undefined);
  assert.match(explainAt('settings.kubernetes.max-pods')!, /settings\.kubernetes\.max-pods[\s\S]*type: +an integer/);
  assert.equal(explainAt('settings.kubernetes.max-podz'), undefined);
});

test('completion offers the keys and values of the chosen variant and release', () => {
  const k8s = schemaFor({ ...NONE, variant: 'aws-k8s-1.31' });
  const labels = (text: string, root = k8s) => completeAt(text, text.length, root)?.options.map((o) => o.label) ?? [];
  assert.ok(labels('[settings.').includes('kubernetes'));
  assert.ok(!labels('[settings.').includes('ecs'));
  assert.ok(labels('[settings.', schemaFor({ ...NONE, variant: 'aws-ecs-2' })).includes('ecs'));
  assert.ok(labels('[settings.kubernetes]\nmax-').includes('max-pods'));
  assert.ok(labels('[settings]\nkubernetes.').includes('cluster-name'));
  assert.deepEqual(labels('[settings.bootstrap-commands.x]\nmode = '), ['"always"', '"once"', '"off"']);
  assert.deepEqual(labels('[settings.host-containers.admin]\nenabled = t'), ['true', 'false']);
  assert.equal(completeAt('[settings.kubernetes]\nmax-pods = 1', 33, k8s)?.options.length, 0);
  const at = completeAt('[settings.kubernetes]\nmax-p', 27, k8s)!;
  assert.equal(at.from, 22);
  // a key that arrived after the chosen release is not offered
  const newer = labels('[settings.kubernetes]\n');
  const older = labels('[settings.kubernetes]\n', schemaFor({ variant: 'aws-k8s-1.31', release: '1.0.0', wrapper: '', gzip: false }));
  assert.ok(older.length < newer.length, `${older.length} < ${newer.length}`);
});

test('diffWith shows what changes on the node, or why it cannot', () => {
  const old = '[settings.kubernetes]\ncluster-name = "a"\nmax-pods = 10\n';
  assert.match(diffWith(old, old.replace('10', '20'), NONE), /settings\.kubernetes\.max-pods/);
  assert.match(diffWith(old, old, NONE), /configure the node the same way/);
  assert.match(diffWith('[settings', old, NONE), /^Cannot diff: /);
});

test('a shared link round-trips the state, and an unreadable one is reported, not thrown', () => {
  const state = { doc: '[settings.motd]\n# é 😀\n', variant: 'aws-ecs-2', release: '1.20.0', wrapper: 'eksctl', gzip: true };
  const fragment = encodeState(state);
  assert.match(fragment, /^#v=aws-ecs-2&r=1\.20\.0&w=eksctl&g=1&doc=[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeState(fragment), { state });
  assert.deepEqual(decodeState(encodeState({ ...state, variant: '', release: '', wrapper: '', gzip: false })), {
    state: { doc: state.doc },
  });
  assert.deepEqual(decodeState(''), { state: {} });
  const bad = decodeState('#v=aws-k8s&doc=AAAA');
  assert.deepEqual(bad.state, { variant: 'aws-k8s' });
  assert.match(bad.note!, /could not be read/);
  assert.match(decodeState('#doc=%%%').note!, /could not be read/);
});
