// Hostile and huge input: each reproducer of the reliability attack (defects D1-D17), run against the
// built CLI, gives the fixed behaviour. Spawned where only a process shows it (pipes, full disks, FIFOs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { check, closest, compile, diff, globMatcher, merge, OptionError, plan, visible } from '../src/index.js';
import { fromPointer } from '../src/model/diagnostic.js';
import { MAX_DIAGNOSTICS_PER_DOCUMENT, MAX_LOCATED_DEPTH, MAX_SETTINGS_DEPTH } from '../src/model/limits.js';
import { parseTomlText } from '../src/parse/toml.js';
import { newTable, type TomlTable } from '../src/model/value.js';
import { toJsonValue } from '../src/validate/json-input.js';
import { runCli, spawnCli, tmpFiles } from './helpers.js';

const wide = (keys: number) => `[settings]\nkubernetes = { ${Array.from({ length: keys }, (_, i) => `x${i}=1`).join(', ')} }\n`;

test('D1: many findings on one wide line give a bounded report (a window per frame, at most 1,000 listed)', async () => {
  // 1,500 keys on a 12 KB line: without a window per frame, the 1,000 frames listed would be 12 MB
  const dir = tmpFiles({ 'wide.toml': wide(1500) });
  const r = await runCli(['check', 'wide.toml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.ok(r.stdout.length < 1_000_000, `report of ${r.stdout.length} bytes`);
  assert.match(r.stdout, /wide\.toml: … and 500 more findings not listed/);
  const [result] = check(wide(1500));
  assert.equal(result!.diagnostics.length, MAX_DIAGNOSTICS_PER_DOCUMENT);
  assert.equal(result!.errorCount, 1500);
  assert.equal(result!.omitted, 1500 - MAX_DIAGNOSTICS_PER_DOCUMENT);
  for (const format of ['json', 'sarif', 'github', 'junit']) {
    const out = await runCli(['check', '-f', format, 'wide.toml'], { cwd: dir });
    assert.ok(out.stdout.length < 2_000_000, `${format}: ${out.stdout.length} bytes`);
  }
});

test('D1: a code frame of a long line shows a window around the column', async () => {
  const dir = tmpFiles({ 'long.toml': `[settings]\nmotd = "ok"\nkernel = { ${'a'.repeat(5000)} = 1 }\n` });
  const r = await runCli(['check', 'long.toml'], { cwd: dir });
  const frameLine = r.stdout.split('\n').find((l) => l.startsWith('> 3 |'))!;
  assert.ok(frameLine.length < 140, frameLine);
  assert.match(frameLine, /…$/);
});

test('D2: a 900 KB unknown key is checked at once (no did-you-mean past 64 characters)', () => {
  assert.equal(closest('k'.repeat(900_000), ['kubernetes']), undefined);
  const [r] = check(`[settings]\n${'k'.repeat(900_000)} = 1\n`);
  // the key, and (the document being far over EC2's 16 KB) the launch-size warning
  assert.deepEqual(
    r!.diagnostics.map((d) => `${d.ruleId} ${d.messageId}`),
    ['launch/ec2-user-data-size gzipFits', 'schema/unknown-key unknownKey'],
  );
  assert.equal(closest('cluster_nmae', ['cluster-name', 'max-pods']), 'cluster-name');
});

/** Dotted keys of 78 parts inside `levels` nested inline tables: within toml_edit's 79/79 limits, thousands of tables deep. */
const deepTables = (levels: number, top = 'settings') => {
  const k = Array(78).fill('k').join('.');
  let v = '1';
  for (let i = 0; i < levels; i++) v = `{ ${k} = ${v} }`;
  return `[${top}]\n${k} = ${v}\n`;
};

test('D3: tables nested thousands deep (dotted keys inside inline tables) are an error under settings, never a stack overflow', async () => {
  const [r] = check(deepTables(68));
  assert.equal(r!.errorCount, 1);
  assert.equal(r!.diagnostics[0]!.ruleId, 'parse/too-deep');
  assert.equal(r!.diagnostics[0]!.messageId, 'tables');
  assert.equal(r!.diagnostics[0]!.keyPath.split('.').length, MAX_SETTINGS_DEPTH + 1);
  const dir = tmpFiles({ 'deep.toml': deepTables(23), 'deep24.toml': deepTables(23), 'ok.toml': '[settings]\nmotd = "hi"\n' });
  for (const args of [
    ['check', 'deep.toml'],
    ['compile', 'deep.toml'],
    ['plan', 'deep.toml'],
    ['diff', 'deep24.toml', 'deep24.toml'],
    ['diff', 'deep.toml', 'ok.toml'],
    ['merge', 'ok.toml', 'deep.toml'],
  ]) {
    const out = await runCli(args, { cwd: dir });
    assert.doesNotMatch(out.stdout + out.stderr, /internal error|call stack/, args.join(' '));
    assert.notEqual(out.status, 0, args.join(' '));
    assert.match(out.stdout + out.stderr, /parse\/too-deep/, args.join(' '));
  }
});

test('D3: the same depth under a top-level key Bottlerocket ignores is only a warning, in every command', async () => {
  // 5,382 tables deep, far past the settings limit: every command answers (this took 20 s and 900 MB
  // when the position index held a pointer for every level)
  const [r] = check(deepTables(68, 'extra') + '[settings]\nmotd = "hi"\n');
  assert.equal(r!.errorCount, 0);
  assert.deepEqual(
    r!.diagnostics.map((d) => d.ruleId),
    ['document/ignored-key'],
  );
  const dir = tmpFiles({ 'deep.toml': deepTables(68, 'extra') + '[settings]\nmotd = "hi"\n', 'ok.toml': '[settings]\nmotd = "hi"\n' });
  for (const args of [
    ['check', 'deep.toml'],
    ['compile', 'deep.toml'],
    ['plan', 'deep.toml'],
    ['diff', 'deep.toml', 'deep.toml'],
    ['diff', 'deep.toml', 'ok.toml'],
    ['merge', 'ok.toml', 'deep.toml'],
  ]) {
    const out = await runCli(args, { cwd: dir });
    assert.doesNotMatch(out.stdout + out.stderr, /internal error|call stack/, args.join(' '));
    assert.equal(out.status, 0, `${args.join(' ')}: ${out.stderr.slice(0, 300)}`);
  }
  // the JSON form the validator reads is built without recursion
  let deep: TomlTable = newTable();
  for (let i = 0; i < 100_000; i++) {
    const t = newTable();
    t.k = deep;
    deep = t;
  }
  assert.equal(typeof toJsonValue(deep), 'object');
});

test('D3: positions are kept to MAX_LOCATED_DEPTH levels; a deeper place points at its ancestor there', () => {
  const r = parseTomlText(deepTables(68, 'extra'));
  assert.ok(r.ok);
  const depths = r.parsed.positions.pointers().map((p) => fromPointer(p).length);
  assert.equal(Math.max(...depths), MAX_LOCATED_DEPTH);
  const deepest = Array<string>(MAX_LOCATED_DEPTH + 500).fill('k');
  deepest[0] = 'extra';
  const atCut = r.parsed.positions.locate({ path: deepest.slice(0, MAX_LOCATED_DEPTH) });
  assert.deepEqual(r.parsed.positions.locate({ path: deepest }), atCut);
  // a shallow place is still exact: the first key of the first inline table
  assert.deepEqual(r.parsed.positions.locate({ path: ['extra', 'k'], at: 'key' }), { line: 2, column: 1, endLine: 2, endColumn: 2 });
});

test('D4: diff masks secrets whatever the shape, in findings, and in container user-data that holds a key', async () => {
  const dir = tmpFiles({
    's1.toml': '[[settings.container-registry.credentials]]\nregistry = "docker.io"\npassword = "old-secret"\n',
    's2.toml': '[settings.container-registry.credentials]\nregistry = "docker.io"\npassword = "new-secret"\n',
    'aws.toml': '[settings.aws]\ncredentials = "this-is-not-base64 AKIA-SECRET-E"\n',
    'key.toml': `[settings.host-containers.x]\nsource = "public.ecr.aws/x/y:1"\nuser-data = "${Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nMIIB\n').toString('base64')}"\n`,
    'plain.toml': '[settings]\nmotd = "hi"\n',
  });
  const shape = await runCli(['diff', 's1.toml', 's2.toml'], { cwd: dir });
  assert.doesNotMatch(shape.stdout + shape.stderr, /old-secret|new-secret/);
  assert.match(shape.stdout, /\*{8}/);
  const findings = await runCli(['check', 'aws.toml'], { cwd: dir });
  assert.doesNotMatch(findings.stdout, /AKIA-SECRET|this-is-not-base64/);
  assert.match(findings.stdout, /credentials = \*+$/m);
  const userData = await runCli(['diff', 'plain.toml', 'key.toml'], { cwd: dir });
  assert.doesNotMatch(userData.stdout, /LS0tLS1CRUdJTi/);
  assert.ok(diff(readFileSync(join(dir, 'plain.toml')), readFileSync(join(dir, 'key.toml'))).changes.some((c) => c.new === '********'));
});

test('D5: --set takes exactly one key path and one value; anything smuggled in is refused', async () => {
  const dir = tmpFiles({ 'base.toml': '[settings]\nmotd = "base"\n' });
  const injected = await runCli(
    ['merge', 'base.toml', '--set', 'settings.motd="x"\n[settings.host-containers.evil]\nsource="e"\nenabled=true\n#'],
    { cwd: dir },
  );
  assert.equal(injected.status, 2);
  assert.match(injected.stderr, /not one TOML value/);
  assert.doesNotMatch(injected.stdout, /evil/);
  assert.throws(() => merge([{ name: 'b', bytes: Buffer.from('[settings]\n') }], { set: ['settings.motd = 1\nsettings.x'] }), OptionError);
  const ok = await runCli(['merge', 'base.toml', '--set', 'settings.motd="a\\nb"'], { cwd: dir });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /motd = "a\\nb"/);
});

test('D6: -o that names an input is refused; writes are atomic and never leave a temporary file', async () => {
  const dir = tmpFiles({ 'u.toml': '[settings]\nmotd = "x"\n' });
  symlinkSync(join(dir, 'u.toml'), join(dir, 'link.toml'));
  for (const args of [
    ['check', '-o', 'u.toml', 'u.toml'],
    ['compile', '-o', 'link.toml', 'u.toml'],
    ['check', '-o', 'u.toml', '.'],
  ]) {
    const r = await runCli(args, { cwd: dir });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /brud never writes over what it reads/);
  }
  assert.equal(readFileSync(join(dir, 'u.toml'), 'utf8'), '[settings]\nmotd = "x"\n');
  assert.equal((await runCli(['check', '-o', '', 'u.toml'], { cwd: dir })).status, 2);
  const spawned = spawnCli(['compile', '-o', 'out/normal.toml', 'u.toml'], { cwd: dir });
  assert.equal(spawned.status, 0, spawned.stderr);
  assert.match(readFileSync(join(dir, 'out', 'normal.toml'), 'utf8'), /motd = "x"/);
});

test('D7: symlinked directories are followed (each real directory once), so an invalid file behind one is found', async () => {
  const dir = tmpFiles({ 'real/bad.toml': '[settings]\nmotd = 1\n', 'nodes/a.toml': '[settings]\nmotd = "ok"\n' });
  symlinkSync('../real', join(dir, 'nodes', 'linked'));
  symlinkSync('..', join(dir, 'nodes', 'loop'));
  const r = await runCli(['check', '-f', 'json', 'nodes/'], { cwd: dir });
  assert.equal(r.status, 1);
  const files = (JSON.parse(r.stdout) as { results: Array<{ file: string }> }).results.map((x) => x.file);
  assert.deepEqual(files, ['nodes/a.toml', 'nodes/linked/bad.toml']);
});

test('D8: a full disk or a closed pipe ends with one line and exit 2, never a stack trace', () => {
  if (!existsSync('/dev/full')) return;
  const full = spawnCli(['check', '-o', '/dev/full', 'examples/userdata.toml']);
  assert.equal(full.status, 2);
  assert.match(full.stderr, /^brud: cannot write \/dev\/full: ENOSPC/);
  assert.ok(lstatSync('/dev/full').isCharacterDevice(), '/dev/full is still the device');
  const shell = execFileSync('bash', ['-c', `node bin/brud.cjs check examples/userdata.toml > /dev/full; echo "rc=$?"`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.match(shell, /rc=2/);
});

test('D9: only the first gzip member is read, as Bottlerocket reads it; trailing bytes get a warning', () => {
  const first = gzipSync('[settings]\nmotd = "from-first"\n');
  const second = gzipSync('[settings.kubernetes]\nmax-pods = 110\n');
  const [multi] = check(Buffer.concat([first, second]));
  assert.deepEqual(Object.keys(multi!.document!.settings!), ['motd']);
  assert.ok(multi!.diagnostics.some((d) => d.ruleId === 'input/gzip-trailing' && d.messageId === 'ignored'));
  const [garbage] = check(Buffer.concat([first, Buffer.from('garbage\n')]));
  assert.equal(garbage!.errorCount, 0);
  const broken = Buffer.from(first);
  broken[broken.length - 5]! ^= 0xff; // corrupt the checksum
  assert.equal(check(broken)[0]!.diagnostics[0]!.ruleId, 'input/bad-gzip');
});

test('D10: control characters from keys never reach a terminal or a report raw; JUnit stays well-formed', async () => {
  const dir = tmpFiles({ 'esc.toml': '[settings]\n"\\u001b[8mX\\n::error file=README.md,line=1::forged\\u202e" = 1\n' });
  for (const format of ['text', 'json', 'sarif', 'github', 'junit', 'markdown', 'gitlab']) {
    const r = await runCli(['check', '-f', format, 'esc.toml'], { cwd: dir });
    assert.equal(r.status, 1, format);
    // eslint-disable-next-line no-control-regex -- a raw ESC is what must not appear
    assert.doesNotMatch(r.stdout, /\u001b|\u202e/, format);
    assert.doesNotMatch(r.stdout, /^::error file=README/m, format);
  }
  const junit = (await runCli(['check', '-f', 'junit', 'esc.toml'], { cwd: dir })).stdout;
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these even escaped
  assert.doesNotMatch(junit, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  assert.match(junit, /time="0"/);
  assert.equal(visible('a\u001bb\nc'), 'a\\u001bb\\nc');
});

test('D10: SARIF URIs are percent-encoded references; absolute paths are file:// URIs', async () => {
  const dir = tmpFiles({ 'odd dir/a%b,c.toml': '[settings]\nnope = 1\n' });
  const r = await runCli(['check', '-f', 'sarif', 'odd dir', join(dir, 'odd dir', 'a%b,c.toml'), '-'], {
    cwd: dir,
    stdin: '[settings]\nnope = 1\n',
  });
  const uris = (
    JSON.parse(r.stdout) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    }
  ).runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
  assert.ok(uris.includes('odd%20dir/a%25b%2Cc.toml'), uris.join(' '));
  assert.ok(uris.includes('%3Cstdin%3E'), uris.join(' '));
  assert.ok(
    uris.some((u) => u.startsWith('file:///') && u.endsWith('/odd%20dir/a%25b%2Cc.toml')),
    uris.join(' '),
  );
});

test('D11: globs never backtrack: many globstars against a deep path, and many stars in a segment', () => {
  const deep = Array.from({ length: 40 }, (_, i) => `d${i}`).join('/') + '/x.toml';
  const t0 = performance.now();
  assert.equal(globMatcher('**/**/**/**/**/**/**/**/**/**/y.toml')(deep), false);
  assert.equal(globMatcher(`${'*a'.repeat(20)}*b`)('a'.repeat(60)), false);
  assert.equal(globMatcher('**/x.toml')(deep), true);
  assert.equal(globMatcher('d0/{d1,zz}/**/*.toml')(deep), true);
  assert.ok(performance.now() - t0 < 1000);
});

test('D12: a FIFO named *.toml in a checked directory is skipped with a note, never read', () => {
  const dir = tmpFiles({ 'nodes/a.toml': '[settings]\nmotd = "ok"\n' });
  execFileSync('mkfifo', [join(dir, 'nodes', 'x.toml')]);
  const r = spawnCli(['check', 'nodes/'], { cwd: dir, timeout: 10_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /nodes\/x\.toml is a FIFO, not a regular file: skipped \[io\/skipped\]/);
  assert.match(r.stdout, /1 document checked .*1 special file skipped/);
});

test('D13: merge resolves aliases per layer, so creds then credentials merge (later wins) and merging is associative', async () => {
  const dir = tmpFiles({
    'l1.toml': '[[settings.container-registry.creds]]\nregistry = "a.io"\nusername = "u"\npassword = "p"\n',
    'l2.toml': '[[settings.container-registry.credentials]]\nregistry = "b.io"\nusername = "u"\npassword = "q"\n',
    'l3.toml': '[settings]\nmotd = "m"\n',
  });
  const all = await runCli(['merge', 'l1.toml', 'l2.toml', 'l3.toml'], { cwd: dir });
  assert.equal(all.status, 0, all.stderr);
  assert.match(all.stdout, /registry = "b\.io"/);
  assert.doesNotMatch(all.stdout, /a\.io/);
  const first = await runCli(['merge', '-o', 'ab.toml', 'l1.toml', 'l2.toml'], { cwd: dir });
  assert.equal(first.status, 0, first.stderr);
  const nested = await runCli(['merge', 'ab.toml', 'l3.toml'], { cwd: dir });
  const body = (s: string) => s.replace(/^#.*\n/gm, '');
  assert.equal(body(nested.stdout), body(all.stdout));
});

test('D14: config include and exclude patterns stay inside the config directory', async () => {
  const dir = tmpFiles({ 'brud.toml': 'include = ["../../../../etc/hosts"]\n', 'a.toml': '[settings]\n' });
  const r = await runCli(['check'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /brud\.toml:1:12: include\[0\]: "\.\.\/\.\.\/\.\.\/\.\.\/etc\/hosts" leaves the config's directory/);
});

test('D16: the library validates its options', () => {
  assert.throws(() => plan('[settings]\n', { boot: 0 }), OptionError);
  assert.throws(() => plan('[settings]\n', { boot: 1.5 }), OptionError);
  assert.throws(() => check('[settings]\n', { rules: { 'bootstrap/mode-missing': 'bogus' as 'off' } }), OptionError);
  assert.throws(() => check(null as unknown as string), OptionError);
  assert.throws(() => check('[settings]\n', { osVersion: 'latest' }), OptionError);
  assert.throws(() => check('[settings]\n', { osVersion: '99999999999999999999.0.0' }), OptionError);
  assert.throws(() => compile(null as unknown as string), OptionError);
  assert.throws(() => compile(42 as unknown as string), /user-data must be a string, bytes \(a Uint8Array\) or a check result, got number/);
  assert.throws(() => plan({} as unknown as string), OptionError);
  assert.throws(() => diff('[settings]\n', null as unknown as string), OptionError);
});

test('D17: repeated options, "merge - -" and operands to schema are usage errors', async () => {
  assert.equal((await runCli(['check', '--variant', 'aws-k8s', '--variant', 'aws-ecs-2', 'examples/userdata.toml'])).status, 2);
  assert.equal((await runCli(['merge', '-', '-'], { stdin: '[settings]\n' })).status, 2);
  assert.equal((await runCli(['schema', 'foo'])).status, 2);
  const huge = await runCli(['check', '--os-version', '99999999999999999999.0.0', 'examples/userdata.toml']);
  assert.equal(huge.status, 2);
  assert.match(huge.stderr, /--os-version must be a Bottlerocket release/);
});

test('every output file write goes through a temporary file in the same directory', async () => {
  const dir = tmpFiles({ 'u.toml': '[settings]\nmotd = "x"\n' });
  mkdirSync(join(dir, 'reports'));
  writeFileSync(join(dir, 'reports', 'old.txt'), 'old');
  const r = spawnCli(['check', '-o', 'reports/old.txt', 'u.toml'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.match(readFileSync(join(dir, 'reports', 'old.txt'), 'utf8'), /no problems/);
  assert.deepEqual(
    execFileSync('ls', ['-a', join(dir, 'reports')], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean),
    ['.', '..', 'old.txt'],
  );
});
