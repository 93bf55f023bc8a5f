// What is not plain TOML user-data: encodings, wrappers and other kinds of user-data, each explained.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from './helpers.js';
import { gzipSync } from 'node:zlib';
import { checkBytes } from '../src/check/pipeline.js';

const GOOD = '[settings.kubernetes]\ncluster-name = "demo"\n';
const BAD = '[settings.kubernetes]\ncluster-name = "demo"\nmax-pods = "58"\n';

function rules(name: string, bytes: Uint8Array | string) {
  return checkBytes(name, typeof bytes === 'string' ? Buffer.from(bytes) : bytes).map((r) => ({
    file: r.file,
    found: r.diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.column]),
  }));
}

test('a shell script, cloud-init and MIME multipart are explained, not parsed', () => {
  for (const [text, what] of [
    ['#!/bin/bash\necho hello\n', /shell script/],
    ['#cloud-config\npackages: [git]\n', /cloud-init/],
    ['MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="//"\n\n--//\n', /MIME multipart/],
  ] as const) {
    const [r] = checkBytes('ud', Buffer.from(text));
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].ruleId, 'input/not-toml');
    assert.match(r.diagnostics[0].message, what);
  }
});

test('base64 and gzip user-data are decoded, said so, and their content checked at its own lines', () => {
  assert.deepEqual(rules('ud.b64', Buffer.from(BAD).toString('base64')), [
    {
      file: 'ud.b64',
      found: [
        ['input/decoded', 'info', 1, 1],
        ['schema/type', 'error', 3, 12],
      ],
    },
  ]);
  assert.deepEqual(rules('ud.gz', gzipSync(BAD)), [
    {
      file: 'ud.gz',
      found: [
        ['input/decoded', 'info', 1, 1],
        ['schema/type', 'error', 3, 12],
      ],
    },
  ]);
  // gzip then base64, as `--user-data` of a gzip file arrives in a launch template
  const [both] = checkBytes('ud', Buffer.from(gzipSync(GOOD).toString('base64')));
  assert.deepEqual(
    both.diagnostics.map((d) => [d.ruleId, d.messageId, d.severity, d.pointer]),
    [
      ['input/decoded', 'base64', 'info', ''],
      ['input/decoded', 'gzip', 'info', ''],
    ],
  );
  assert.equal(both.errorCount, 0);
  // base64 twice is what a node would receive as text: rejected
  const twice = Buffer.from(Buffer.from(GOOD).toString('base64')).toString('base64');
  assert.equal(checkBytes('ud', Buffer.from(twice))[0].diagnostics.at(-1)?.ruleId, 'input/not-toml');
});

test('launch-template JSON: every version is checked, named by its index and number', () => {
  const lt = {
    LaunchTemplateVersions: [
      { VersionNumber: 3, LaunchTemplateData: { UserData: Buffer.from(BAD).toString('base64') } },
      { VersionNumber: 2, LaunchTemplateData: { UserData: Buffer.from(GOOD).toString('base64') } },
      { VersionNumber: 1, LaunchTemplateData: {} },
    ],
  };
  const res = checkBytes('lt.json', Buffer.from(JSON.stringify(lt)));
  assert.deepEqual(
    res.map((r) => [r.file, r.errorCount]),
    [
      ['lt.json (LaunchTemplateVersions[0], version 3)', 1],
      ['lt.json (LaunchTemplateVersions[1], version 2)', 0],
      ['lt.json (LaunchTemplateVersions[2], version 1)', 0],
    ],
  );
  assert.equal(res[2].diagnostics[0].ruleId, 'input/no-user-data');
  const single = checkBytes('lt.json', Buffer.from(JSON.stringify({ UserData: Buffer.from(GOOD).toString('base64') })));
  assert.equal(single[0].file, 'lt.json (UserData)');
  assert.equal(checkBytes('x.json', Buffer.from('{"Other": 1}'))[0].diagnostics[0].ruleId, 'input/not-toml');
});

test('strict UTF-8: an invalid byte is an error at its line and column; a BOM is a warning', () => {
  const bytes = Buffer.concat([Buffer.from('[settings]\nmotd = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
  assert.deepEqual(rules('x.toml', bytes)[0].found, [['input/encoding', 'error', 2, 12]]);
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD)]);
  assert.deepEqual(rules('x.toml', bom)[0].found, [['input/bom', 'warning', 1, 1]]);
});

test('TOML that Bottlerocket rejects: syntax errors at their position, TOML 1.1 syntax, a bare CR', () => {
  assert.deepEqual(rules('x.toml', '[settings]\nmotd = "a" "b"\n')[0].found, [['parse/syntax', 'error', 2, 12]]);
  assert.deepEqual(rules('x.toml', '[settings.kubernetes]\nnode-labels = { a = "b", }\n')[0].found, [['parse/syntax', 'error', 2, 26]]);
  assert.deepEqual(
    rules('x.toml', '[settings]\nmotd = "\\x41"\n')[0].found.map((f) => f[0]),
    ['parse/syntax'],
  );
  assert.deepEqual(rules('x.toml', '[settings]\rmotd = "x"\n')[0].found, [['parse/syntax', 'error', 1, 11]]);
  // CRLF line endings with comments are fine (a Windows-edited file)
  assert.deepEqual(rules('x.toml', '# comment\r\n[settings] # here\r\nmotd = "x" # there\r\n')[0].found, []);
});

test('empty user-data: a warning from 1.15.0 on, an error before', () => {
  assert.deepEqual(
    checkText('x.toml', '').diagnostics.map((d) => [d.ruleId, d.severity]),
    [['document/empty', 'warning']],
  );
  assert.deepEqual(
    checkText('x.toml', '  \n', { osVersion: '1.14.0' }).diagnostics.map((d) => [d.ruleId, d.severity]),
    [['document/empty', 'error']],
  );
  // only comments is not empty: the missing [settings] table is the error
  assert.deepEqual(
    checkText('x.toml', '# nothing\n').diagnostics.map((d) => d.ruleId),
    ['document/missing-settings'],
  );
});

test('top-level keys other than settings are dropped by Bottlerocket: warned, with a hint', () => {
  const r = checkText('x.toml', '[kubernetes]\ncluster-name = "x"\n[settings]\nmotd = "hi"\n');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.ruleId, d.line, d.column]),
    [['document/ignored-key', 1, 2]],
  );
  assert.match(r.diagnostics[0].message, /did you mean "settings.kubernetes"\?/);
});

test('numbers: floats are not integers, big integers stay exact, datetimes are refused', () => {
  const r = checkText(
    'x.toml',
    '[settings.kubernetes]\nmax-pods = 110.0\npod-pids-limit = 9223372036854775807\nkube-api-qps = 1979-05-27\n',
  );
  assert.deepEqual(
    r.diagnostics.map((d) => [d.ruleId, d.line, d.column]),
    [
      ['schema/type', 2, 12],
      ['schema/type', 4, 16],
    ],
  );
  assert.match(r.diagnostics[0].message, /found a float 110\.0: write it as an integer, 110/);
  assert.match(r.diagnostics[1].message, /TOML datetime/);
  // nan in a struct field becomes null, which Bottlerocket ignores
  assert.deepEqual(
    checkText('x.toml', '[settings.kubernetes]\nmax-pods = nan\n').diagnostics.map((d) => [d.ruleId, d.severity]),
    [['schema/null-value', 'warning']],
  );
});

test('parsing user input never changes Object.prototype', () => {
  checkText('x.toml', '__proto__.polluted = 1\nconstructor.x = 1\ntoString.polluted = "yes"\n[settings.__proto__]\na = 1\n');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((Object as unknown as Record<string, unknown>).x, undefined);
  assert.equal((Object.prototype.toString as unknown as Record<string, unknown>).polluted, undefined);
});

test('a key in a table that ignores unknown keys is a warning, not an error', () => {
  const r = checkText('x.toml', '[settings.kernel.hugepages.transparent]\nenabeld = "always"\n');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.column]),
    [['schema/ignored-key', 'warning', 2, 1]],
  );
  assert.match(r.diagnostics[0].message, /did you mean "enabled"\?/);
  assert.deepEqual(checkText('x.toml', '[settings.kernel.hugepages.transparent]\nenabled = "always"\n').diagnostics, []);
});

test('integers beyond 64 bits are a TOML error, as in Bottlerocket', () => {
  const over = checkText('x.toml', '[settings.ecs]\nmetadata-service-rps = 9223372036854775808\n');
  assert.deepEqual(
    over.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column]),
    [['parse/syntax', 'integerRange', 2, 24]],
  );
  assert.match(over.diagnostics[0].message, /integer out of range/);
  assert.deepEqual(checkText('x.toml', '[settings.ecs]\nmetadata-service-rps = 9223372036854775807\n').diagnostics, []);
});

test('launch-template JSON: LaunchTemplateData.UserData is read; UserData that is not a base64 string is an error', () => {
  const data = checkBytes(
    'lt.json',
    Buffer.from(JSON.stringify({ LaunchTemplateData: { UserData: Buffer.from(BAD).toString('base64') } })),
  );
  assert.deepEqual(
    data.map((r) => [r.file, r.diagnostics.map((d) => [d.ruleId, d.line, d.column])]),
    [['lt.json (LaunchTemplateData.UserData)', [['schema/type', 3, 12]]]],
  );
  for (const [userData, messageId] of [
    [42, 'userDataNotString'],
    ['not base64!', 'userDataNotBase64'],
  ] as const) {
    const [r] = checkBytes('lt.json', Buffer.from(JSON.stringify({ UserData: userData })));
    assert.deepEqual(
      r!.diagnostics.map((d) => [d.ruleId, d.messageId, d.severity]),
      [['input/not-toml', messageId, 'error']],
    );
  }
});

test('gzip inside gzip is decompressed once only, as Bottlerocket does: the inner gzip is not TOML', () => {
  const [r] = checkBytes('ud.gz', gzipSync(gzipSync(GOOD)));
  assert.deepEqual(
    r!.diagnostics.map((d) => [d.ruleId, d.messageId]),
    [
      ['input/decoded', 'gzip'],
      ['input/not-toml', 'gzipAgain'],
    ],
  );
});
