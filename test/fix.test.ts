// Fixes: the diagnostics whose message proposes one certain edit carry it (ESLint's `fix`), `fix()` applies
// them until nothing is left, and `brud check --fix` / `--fix-dry-run` write or show the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes, check, fix, maskSecretText, MAX_FIX_PASSES, ruleMeta } from '../src/index.js';
import { scanComments } from '../src/parse/comments.js';
import { FIXTURES, ROOT, runCli, spawnCli, tmpFiles } from './helpers.js';

/** The fixes of one document, as [ruleId, messageId, the text they replace, the replacement]. */
function fixes(text: string, options = {}): Array<[string, string, string, string]> {
  const [r] = check(text, options);
  // every fix is of a message its rule declares fixable (docs/rules.md lists them)
  for (const d of r!.diagnostics) if (d.fix) assert.ok(ruleMeta(d.ruleId)?.fixable?.includes(d.messageId), `${d.ruleId} ${d.messageId}`);
  return r!.diagnostics.flatMap((d) =>
    d.fix ? [[d.ruleId, d.messageId, text.slice(...d.fix.range), d.fix.text] as [string, string, string, string]] : [],
  );
}

test('a quoted integer or boolean is unquoted; a number where a string is expected is quoted', () => {
  assert.deepEqual(fixes('[settings.kubernetes]\nmax-pods = "58"\n'), [['schema/type', 'type', '"58"', '58']]);
  assert.deepEqual(fixes("[settings.host-containers.admin]\nenabled = 'true'\n"), [['schema/type', 'type', "'true'", 'true']]);
  assert.deepEqual(fixes('[settings.kernel.sysctl]\n"vm.max_map_count" = 262144\n'), [['schema/type', 'type', '262144', '"262144"']]);
  // "007" is not a TOML integer: the message says to unquote, the fix does not guess
  assert.deepEqual(fixes('[settings.kubernetes]\nmax-pods = "007"\n'), []);
  // a duration needs a unit: "quote it with a unit, e.g." is not certain
  assert.deepEqual(
    fixes('[settings.kubernetes]\nshutdown-grace-period = 30\n').map((f) => f[0]),
    [],
  );
});

test('bare dotted sysctl keys are quoted, every key of a split table in one fix', () => {
  assert.deepEqual(fixes('[settings.kernel.sysctl]\nvm.swappiness = "10"\n'), [
    ['schema/type', 'type', 'vm.swappiness', '"vm.swappiness"'],
  ]);
  const many = '[settings.kernel.sysctl]\nvm.swappiness = "10" # low\n"fs.file-max" = "1"\nvm.overcommit_memory = "1"\n';
  assert.deepEqual(fixes(many), [
    [
      'schema/type',
      'type',
      'vm.swappiness = "10" # low\n"fs.file-max" = "1"\nvm.overcommit_memory',
      '"vm.swappiness" = "10" # low\n"fs.file-max" = "1"\n"vm.overcommit_memory"',
    ],
  ]);
  const twelve = '[settings.kernel.sysctl]\n' + Array.from({ length: 12 }, (_, i) => `net.ipv4.k${i} = "1"\n`).join('');
  const out = fix(twelve);
  assert.equal(out.output, twelve.replace(/^net\.ipv4\.(k\d+)/gm, '"net.ipv4.$1"'));
  assert.equal(out.passes, 1);
  // written as a [header] the parts are not one key: no fix
  assert.deepEqual(fixes('[settings.kernel.sysctl.vm]\nswappiness = "10"\n'), []);
});

test('the one close key name or value replaces a misspelled one, unless the table already has it', () => {
  assert.deepEqual(fixes('[settings.kubernetes]\ncluster_name = "x"\n'), [
    ['schema/unknown-key', 'unknownKey', 'cluster_name', 'cluster-name'],
  ]);
  assert.deepEqual(fixes('[settings.kubernetes]\ncluster-name = "x"\ncluster_name = "y"\n'), []);
  assert.deepEqual(fixes('[settings.bootstrap-contianers.a]\nsource = "x"\n'), [
    ['schema/unknown-key', 'unknownKey', 'bootstrap-contianers', 'bootstrap-containers'],
  ]);
  assert.deepEqual(fixes('[settings.bootstrap-commands.a]\ncommands = [["apiclient", "set", "motd=x"]]\nmode = "Once"\n'), [
    ['schema/invalid-value', 'enum', '"Once"', '"once"'],
  ]);
  assert.deepEqual(fixes('[kubernetes]\ncluster-name = "x"\n'), [['document/ignored-key', 'ignored', 'kubernetes', 'settings.kubernetes']]);
});

test('a host container without source named one edit from a default one is renamed to it (a lint rule’s fix)', () => {
  assert.deepEqual(fixes('[settings.host-containers.admn]\nsuperpowered = true\n'), [
    ['containers/missing-source', 'hostContainer', 'admn', 'admin'],
  ]);
  assert.deepEqual(fixes('[settings.host-containers.contrl]\nenabled = true\n'), [
    ['containers/missing-source', 'hostContainer', 'contrl', 'control'],
  ]);
  // renaming to admin would switch on the superpowered container, which is off by default: no --fix
  assert.deepEqual(fixes('[settings.host-containers.admn]\nenabled = true\n'), []);
  assert.deepEqual(fixes('[settings.host-containers.admin]\nenabled = true\n[settings.host-containers.admn]\nenabled = true\n'), []);
});

test('an alias spelled beside its key with the same value is removed; with another value nothing is certain', () => {
  const same =
    '[settings.boot]\nreboot-to-reconcile = true\n[settings.container-runtime]\nconcurrent-download-chunk-size = 1024\nconcurrent-layer-fetch-buffer = 1024\n';
  const found = fixes(same);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.slice(0, 2), ['schema/invalid-value', 'not']);
  assert.equal(found[0]![2], 'concurrent-layer-fetch-buffer = 1024\n');
  assert.equal(fix(same).output, same.replace('concurrent-layer-fetch-buffer = 1024\n', ''));
  assert.deepEqual(fixes(same.replace('buffer = 1024', 'buffer = 2048')), []);
});

test('an unused suppression is removed: its line, or the comment at the end of a line', () => {
  assert.deepEqual(
    fix('[settings]\n# brud-disable-next-line bootstrap/mode-missing -- old\nmotd = "hi"\n').output,
    '[settings]\nmotd = "hi"\n',
  );
  assert.deepEqual(fix('[settings]\nmotd = "hi"  # brud-disable-line\n').output, '[settings]\nmotd = "hi"\n');
});

test('a suppression that is partly used loses only its unused rule ids, keeping its reason', () => {
  const text =
    '[settings.bootstrap-commands]\n# brud-disable-next-line bootstrap/reboot-loop, bootstrap/mode-missing -- set by the pipeline\nlate = { commands = [["apiclient", "set", "motd=hi"]] }\n';
  const r = fix(text);
  assert.equal(r.output, text.replace('bootstrap/reboot-loop, bootstrap/mode-missing', 'bootstrap/mode-missing'));
  assert.deepEqual(r.results[0]!.diagnostics, []);
});

test('secrets get no fix: the edit would print the value', () => {
  const text = '[settings.container-registry]\n[[settings.container-registry.credentials]]\nregistry = "docker.io"\npassword = 1234\n';
  const [r] = check(text);
  assert.ok(r!.diagnostics.some((d) => d.ruleId === 'schema/type' && d.secret));
  assert.ok(r!.diagnostics.every((d) => d.fix === undefined));
});

test('applyFixes applies edits in text order and skips one that overlaps an earlier one', () => {
  const out = applyFixes('abcdef', [
    { range: [3, 5], text: 'X' },
    { range: [0, 2], text: 'Y' },
    { range: [1, 4], text: 'Z' },
  ]);
  assert.deepEqual(out, { output: 'YcXf', applied: 2 });
});

test('a pass that would break the TOML is applied fix by fix, keeping those that do not', () => {
  // both keys are one edit from cluster-name: renaming both would define it twice
  const r = fix('[settings.kubernetes]\ncluster_name = "a"\ncluster-nam = "b"\n');
  assert.equal(r.applied, 1);
  assert.equal(r.results[0]!.diagnostics.filter((d) => d.ruleId === 'parse/syntax').length, 0);
  assert.match(r.output, /^cluster-name = /m);
});

test('base64, gzip and launch-template inputs are not fixed (positions are in the decoded text)', () => {
  const text = Buffer.from('[settings.kubernetes]\nmax-pods = "58"\n').toString('base64');
  const r = fix(text);
  assert.equal(r.fixed, false);
  assert.equal(r.output, text);
  assert.ok(r.results[0]!.diagnostics.some((d) => d.ruleId === 'schema/type'));
});

test('a manifest (host file) is checked but never fixed: its user-data is indented in YAML', async () => {
  const yaml = readFileSync(join(FIXTURES, 'hosts', 'karpenter', 'nodeclass-v1beta1.yaml'), 'utf8').replace(
    '"kube-api-qps" = 30',
    '"kube-api-qps" = "30"',
  );
  const dir = tmpFiles({ 'nodeclass.yaml': yaml });
  const r = await runCli(['check', '--fix', '-f', 'json', 'nodeclass.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout) as { results: Array<{ diagnostics: Array<{ ruleId: string; fix?: unknown }> }> };
  assert.ok(out.results[0]!.diagnostics.some((d) => d.ruleId === 'schema/type'));
  assert.ok(out.results[0]!.diagnostics.every((d) => d.fix === undefined));
  assert.equal(readFileSync(join(dir, 'nodeclass.yaml'), 'utf8'), yaml);
});

test('a template with placeholders gets no fixes: its values are parsed as stand-ins', () => {
  const text = '[settings.kubernetes]\ncluster-name = "${cluster}"\nkube-api-qsp = 30\nmax-pods = "58"\n';
  const [r] = check(text, { name: 'userdata.tpl' });
  assert.ok(r!.template);
  assert.ok(r!.diagnostics.some((d) => d.ruleId === 'schema/unknown-key'));
  assert.ok(r!.diagnostics.every((d) => d.fix === undefined));
  assert.equal(fix(text, { name: 'userdata.tpl' }).fixed, false);
});

test('examples/broken.toml: fixed, the comments kept, and only the uncertain finding left', () => {
  const text = readFileSync(join(ROOT, 'examples', 'broken.toml'), 'utf8');
  const r = fix(text, { name: 'broken.toml' });
  assert.equal(r.applied, 2);
  assert.deepEqual(
    r.results[0]!.diagnostics.map((d) => [d.ruleId, d.messageId, d.pointer]),
    [['schema/invalid-value', 'enum', '/settings/bootstrap-commands/10-ephemeral-storage/mode']],
  );
  assert.deepEqual(
    scanComments(r.output).map((c) => c.text),
    scanComments(text).map((c) => c.text),
  );
});

function tomlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return tomlFiles(path);
    return f.endsWith('.toml') ? [path] : [];
  });
}

test('every example and fixture: the fixed output is stable, keeps every comment, has no more errors, and fixing it again changes nothing', () => {
  const files = [
    ...tomlFiles(join(ROOT, 'examples')),
    ...tomlFiles(join(FIXTURES, 'userdata')),
    ...tomlFiles(join(FIXTURES, 'corpus', 'real-world')),
  ];
  let fixedFiles = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const before = check(text, { name: file });
    const r = fix(text, { name: file });
    assert.ok(r.passes < MAX_FIX_PASSES, file);
    assert.ok(
      r.results.every((d) => d.diagnostics.every((x) => x.fix === undefined)),
      `${file}: a fix is left`,
    );
    assert.ok(
      r.results.reduce((n, d) => n + d.errorCount, 0) <= before.reduce((n, d) => n + d.errorCount, 0),
      `${file}: more errors after fixing`,
    );
    const kept = new Set(scanComments(r.output).map((c) => c.text));
    for (const c of scanComments(text)) if (!/brud-disable/.test(c.text)) assert.ok(kept.has(c.text), `${file}: comment lost: ${c.text}`);
    assert.equal(fix(r.output, { name: file }).fixed, false, `${file}: not stable`);
    for (const d of before.flatMap((x) => x.diagnostics))
      if (d.fix)
        assert.ok(ruleMeta(d.ruleId)?.fixable?.includes(d.messageId), `${d.ruleId} ${d.messageId} has a fix but is not marked fixable`);
    if (r.fixed) fixedFiles++;
  }
  assert.ok(fixedFiles >= 3, `only ${fixedFiles} files had fixes`);
});

test('brud check --fix writes the file in place and reports what is left; --fix-dry-run prints a diff and writes nothing', async () => {
  const original = '# keep this\n[settings.kubernetes]\nmax-pods = "58" # and this\ncluster_name = "x"\n';
  const dir = tmpFiles({ 'a.toml': original });
  chmodSync(join(dir, 'a.toml'), 0o600);
  const dry = await runCli(['check', '--fix-dry-run', 'a.toml'], { cwd: dir });
  // the report and exit status are check's on the file as it is: the fixable errors are still in it
  assert.equal(dry.status, 1);
  assert.match(dry.stdout, /^a\.toml:3:12: error: .*\[schema\/type\]$/m);
  assert.match(dry.stdout, /^a\.toml:4:1: error: .*\[schema\/unknown-key\]$/m);
  assert.match(dry.stdout, /^ {2}2 fixable with brud check --fix/m);
  assert.match(dry.stdout, /^--- a\.toml\n\+\+\+ a\.toml\n/m);
  assert.match(dry.stdout, /^-max-pods = "58" # and this$/m);
  assert.match(dry.stdout, /^\+max-pods = 58 # and this$/m);
  assert.match(dry.stdout, /^\+cluster-name = "x"$/m);
  assert.equal(readFileSync(join(dir, 'a.toml'), 'utf8'), original);
  const fixed = await runCli(['check', '--fix', 'a.toml'], { cwd: dir });
  assert.equal(fixed.status, 0);
  assert.match(fixed.stderr, /^brud: fixed a\.toml \(2 edits\)$/m);
  assert.equal(
    readFileSync(join(dir, 'a.toml'), 'utf8'),
    '# keep this\n[settings.kubernetes]\nmax-pods = 58 # and this\ncluster-name = "x"\n',
  );
  assert.deepEqual(readdirSync(dir), ['a.toml'], 'no temporary file is left');
  assert.equal(statSync(join(dir, 'a.toml')).mode & 0o777, 0o600, 'the mode is kept');
});

test('brud check --fix: the exit status is the re-check’s; stdin is never written; the two modes exclude each other', async () => {
  const dir = tmpFiles({ 'b.toml': '[settings.kubernetes]\nmax-pods = "58"\nmode = 1\n' });
  const left = await runCli(['check', '--fix', '-f', 'json', 'b.toml'], { cwd: dir });
  assert.equal(left.status, 1);
  const out = JSON.parse(left.stdout) as { results: Array<{ diagnostics: Array<{ ruleId: string; fix?: unknown }> }> };
  assert.deepEqual(
    out.results[0]!.diagnostics.map((d) => d.ruleId),
    ['schema/unknown-key'],
  );
  const stdin = await runCli(['check', '--fix', '-'], { stdin: '[settings]\n' });
  assert.equal(stdin.status, 2);
  assert.match(stdin.stderr, /--fix writes files in place and never stdin/);
  const dryStdin = await runCli(['check', '--fix-dry-run', '--stdin-filename', 'x.toml', '-'], {
    stdin: '[settings.kubernetes]\nmax-pods = "58"\n',
  });
  assert.equal(dryStdin.status, 1);
  assert.match(dryStdin.stdout, /^\+max-pods = 58$/m);
  const both = await runCli(['check', '--fix', '--fix-dry-run', 'b.toml'], { cwd: dir });
  assert.equal(both.status, 2);
});

test('the JSON report carries each fix as ESLint does: range and text', async () => {
  const r = await runCli(['check', '-f', 'json', '-'], { stdin: '[settings.kubernetes]\nmax-pods = "58"\n' });
  const out = JSON.parse(r.stdout) as { results: Array<{ diagnostics: Array<{ fix?: { range: number[]; text: string } }> }> };
  assert.deepEqual(out.results[0]!.diagnostics[0]!.fix, { range: [33, 37], text: '58' });
});

// The temporary file's name was the file's own name plus ~30 bytes, past NAME_MAX (255) for a legal
// 234-byte name: --fix failed as an "internal error". Through the real executable (runCli's Io writes
// without the temporary file).
test('--fix fixes a file whose name is 234 bytes long, and leaves no temporary file', () => {
  const long = `${'a'.repeat(229)}.toml`;
  const dir = tmpFiles({ [long]: '[settings.kubernetes]\nmax-pods = "110"\n' });
  const r = spawnCli(['check', '--fix', long], { cwd: dir });
  assert.deepEqual([r.status, r.stderr], [0, `brud: fixed ${long} (1 edit)\n`]);
  assert.equal(readFileSync(join(dir, long), 'utf8'), '[settings.kubernetes]\nmax-pods = 110\n');
  assert.deepEqual(readdirSync(dir), [long]);
});

// brud wrote a fixed or formatted file by renaming over the path it was given: a symbolic link became a
// copy (the file it names stayed unfixed) and a hard-linked file was split from its other names. Through
// the real executable (runCli's Io writes without the atomic rename).
test('--fix and fmt write through a symbolic link to the file it names, and in place for a hard-linked file', () => {
  const unfixed = '[settings.kubernetes]\nmax-pods = "110"\n';
  const fixedText = '[settings.kubernetes]\nmax-pods = 110\n';
  const dir = tmpFiles({ 'a.toml': unfixed, 'tgt.toml': '  [settings.kubernetes]\nmax-pods = 1\n', 'hl.toml': unfixed });
  symlinkSync('a.toml', join(dir, 'link.toml'));
  symlinkSync('tgt.toml', join(dir, 'fl.toml'));
  linkSync(join(dir, 'hl.toml'), join(dir, 'hl2.toml'));
  const fixLink = spawnCli(['check', '--fix', 'link.toml'], { cwd: dir });
  assert.equal(fixLink.status, 0, fixLink.stderr);
  assert.ok(lstatSync(join(dir, 'link.toml')).isSymbolicLink(), 'the link stays a link');
  assert.equal(readFileSync(join(dir, 'a.toml'), 'utf8'), fixedText, 'the file it names is fixed');
  const fmtLink = spawnCli(['fmt', 'fl.toml'], { cwd: dir });
  assert.equal(fmtLink.status, 0, fmtLink.stderr);
  assert.ok(lstatSync(join(dir, 'fl.toml')).isSymbolicLink());
  assert.equal(readFileSync(join(dir, 'tgt.toml'), 'utf8'), '[settings.kubernetes]\nmax-pods = 1\n');
  const hard = spawnCli(['check', '--fix', 'hl.toml'], { cwd: dir });
  assert.equal(hard.status, 0, hard.stderr);
  assert.equal(readFileSync(join(dir, 'hl2.toml'), 'utf8'), fixedText, 'the other name of the file sees the fix');
  assert.equal(statSync(join(dir, 'hl.toml')).nlink, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['a.toml', 'fl.toml', 'hl.toml', 'hl2.toml', 'link.toml', 'tgt.toml']);
});

// The --fix-dry-run diff printed input text raw: a context line `::error …` or a file name with a line
// break forged a GitHub workflow command, C1 and bidi characters reached the terminal, AWS credentials
// were shown in clear, and with a machine format the diff came before the report on stdout.
test('--fix-dry-run: the diff is escaped and masked as the report is, and goes to stderr beside a machine format', async () => {
  const cred = Buffer.from(
    '[default]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  ).toString('base64');
  const text = [
    '[settings.aws]',
    `credentials = "${cred}"`,
    '[settings.kubernetes]',
    'max-pods = "110" # \u202e evil \u0085 nel',
    'cluster-name = """',
    '::error file=pwn.toml,line=1::injected',
    '"""',
    '',
  ].join('\n');
  const dir = tmpFiles({ 'x\n::error file=README.md,line=1::pwned\n.toml': text });
  for (const format of ['text', 'json', 'sarif', 'gitlab', 'github']) {
    const r = await runCli(['check', '--fix-dry-run', '-f', format, '.'], { cwd: dir });
    const diff = format === 'text' ? r.stdout : r.stderr;
    assert.match(diff, /^Index: x\\n::error file=README\.md,line=1::pwned\\n\.toml$/m, format);
    assert.match(diff, /^\+max-pods = 110 # \\u202e evil \\u0085 nel$/m, format);
    assert.match(diff, /^ \\u003a:error file=pwn\.toml,line=1::injected$/m, format);
    assert.match(diff, /^ credentials = "\*{8}"$/m, format);
    for (const out of [r.stdout, r.stderr]) {
      // the github format's own annotations are the workflow commands on its stdout
      if (out !== r.stdout || format !== 'github')
        assert.doesNotMatch(out, /^\s*::/m, `${format}: a line a GitHub runner takes for a workflow command`);
      assert.doesNotMatch(out, /[\u0085\u202e]/, format);
      assert.ok(!out.includes(cred.slice(0, 24)), `${format}: the credentials are printed`);
    }
    if (format !== 'text' && format !== 'github') assert.doesNotThrow(() => JSON.parse(r.stdout), format);
  }
  assert.equal(readFileSync(join(dir, 'x\n::error file=README.md,line=1::pwned\n.toml'), 'utf8'), text, 'nothing is written');
});

test('maskSecretText masks x-secret values and secret container user-data, keeps line numbers, and leaves the rest', () => {
  const key = Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n').toString('base64');
  const text = [
    '[[settings.container-registry.credentials]]',
    'registry = "docker.io"',
    'password = """',
    'hunter2',
    '"""',
    '[settings.host-containers.admin]',
    `user-data = "${key}"`,
    'source = "x"',
    '[settings.kubernetes]',
    'bootstrap-token = "abcdef.0123456789abcdef"',
    '',
  ].join('\n');
  assert.equal(
    maskSecretText(text),
    [
      '[[settings.container-registry.credentials]]',
      'registry = "docker.io"',
      'password = "********"',
      '',
      '',
      '[settings.host-containers.admin]',
      'user-data = "********"',
      'source = "x"',
      '[settings.kubernetes]',
      'bootstrap-token = "********"',
      '',
    ].join('\n'),
  );
  assert.equal(maskSecretText('[settings.kubernetes]\nmax-pods = 1\n'), '[settings.kubernetes]\nmax-pods = 1\n');
  assert.equal(maskSecretText('not = = toml'), 'not = = toml');
});
