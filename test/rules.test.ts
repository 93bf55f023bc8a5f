// Every lint rule with a document that passes it and one that fails it, with the exact finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from './helpers.js';
import { OptionError } from '../src/index.js';
import { LINT_RULES } from '../src/rules/registry.js';

interface Case {
  rule: string;
  pass: string;
  fail: string;
  /** [messageId, pointer, line, column, severity] of each finding of the rule in `fail`. */
  expect: Array<[string, string, number, number, string]>;
  options?: { osVersion?: string; variant?: string };
  message?: RegExp;
}

const CASES: Case[] = [
  {
    rule: 'bootstrap/mode-missing',
    pass: '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "set", "motd=hi"]]\nmode = "once"\n',
    fail: '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "set", "motd=hi"]]\n\n[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\n',
    expect: [
      ['neverRuns', '/settings/bootstrap-commands/a', 1, 30, 'warning'],
      ['neverRuns', '/settings/bootstrap-containers/b', 4, 32, 'warning'],
    ],
    message: /defaults to "off" and never runs/,
  },
  {
    rule: 'bootstrap/mode-missing',
    pass: '[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\nmode = "always"\n',
    fail: '[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\n',
    expect: [['haltsBoot', '/settings/bootstrap-containers/b', 1, 32, 'error']],
    options: { osVersion: '1.26.0' },
    message: /fails to render, settings-applier fails and boot halts/,
  },
  {
    rule: 'bootstrap/apiclient-exec',
    pass: '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "set", "motd=hi"]]\nmode = "always"\n',
    fail: '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "set", "motd=hi"], ["apiclient", "exec", "admin", "ls"]]\nmode = "always"\nessential = true\n',
    expect: [['execFails', '/settings/bootstrap-commands/a/commands/1', 2, 46, 'error']],
    message: /essential, so boot halts/,
  },
  {
    rule: 'bootstrap/reboot-loop',
    pass: '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "reboot"]]\nmode = "once"\n',
    fail: '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "reboot"]]\nmode = "always"\n',
    expect: [['rebootsForever', '/settings/bootstrap-commands/a/commands/0', 2, 13, 'error']],
    message: /reboots forever/,
  },
  {
    rule: 'containers/missing-source',
    pass: '[settings.host-containers.admin]\nenabled = true\n\n[settings.host-containers.tools]\nsource = "public.ecr.aws/x/tools:1"\n',
    fail: '[settings.host-containers.admiin]\nenabled = true\n',
    expect: [['hostContainer', '/settings/host-containers/admiin', 1, 27, 'error']],
    message: /did you mean "admin"\?/,
  },
  {
    rule: 'containers/missing-source',
    pass: '[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\nmode = "once"\n',
    fail: '[settings.bootstrap-containers.b]\nmode = "once"\nuser-data = "ZWNobyBoaQo="\n',
    expect: [['noDefaultYet', '/settings/bootstrap-containers/b', 1, 32, 'error']],
    options: { osVersion: '1.30.0' },
    message: /before Bottlerocket 1\.33\.0 there is no default image/,
  },
  {
    rule: 'containers/missing-source',
    pass: '[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\nmode = "once"\n',
    fail: '[settings.bootstrap-containers.b]\nmode = "once"\nuser-data = "ZWNobyBoaQo="\n',
    expect: [['noDefaultOnFamily', '/settings/bootstrap-containers/b', 1, 32, 'error']],
    options: { variant: 'metal-dev' },
    message: /metal-dev has no default bootstrap image/,
  },
  {
    rule: 'containers/missing-source',
    pass: '[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\nmode = "once"\n',
    fail: '[settings.bootstrap-containers.b]\nmode = "once"\nuser-data = "ZWNobyBoaQo="\n',
    expect: [['defaultImage', '/settings/bootstrap-containers/b', 1, 32, 'info']],
    message: /runs its default bootstrap image/,
  },
  {
    rule: 'host-containers/superpowered',
    pass: '[settings.host-containers.admin]\nsuperpowered = true\n',
    fail: '[settings.host-containers.tools]\nsource = "public.ecr.aws/x/tools:1"\nsuperpowered = true\n',
    expect: [['superpowered', '/settings/host-containers/tools/superpowered', 3, 16, 'warning']],
  },
  {
    rule: 'containers/user-data-secret',
    pass: `[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\nmode = "once"\nuser-data = "${Buffer.from('#!/bin/sh\necho hello\n').toString('base64')}"\n`,
    fail: `[settings.bootstrap-containers.b]\nsource = "public.ecr.aws/x/y:1"\nmode = "once"\nuser-data = "${Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n').toString('base64')}"\n`,
    expect: [['secret', '/settings/bootstrap-containers/b/user-data', 4, 13, 'warning']],
    message: /decodes to a private key/,
  },
  {
    rule: 'boot/parameter-order',
    pass: '[settings.boot.kernel-parameters]\ndefault_hugepagesz = ["1G"]\nhugepages = ["4"]\n',
    fail: '[settings.boot.kernel-parameters]\nhugepagesz = ["1G", "2M"]\nhugepages = ["4", "512"]\n',
    expect: [['hugepages', '/settings/boot/kernel-parameters/hugepages', 3, 1, 'warning']],
    message: /the kernel reads "hugepages=4 hugepages=512 hugepagesz=1G hugepagesz=2M"/,
  },
];

for (const c of CASES) {
  test(`${c.rule}: ${c.options?.osVersion ? `on ${c.options.osVersion}: ` : ''}passes a good document and reports the bad one exactly`, () => {
    const ok = checkText('pass.toml', c.pass, c.options);
    assert.deepEqual(
      ok.diagnostics.filter((d) => d.ruleId === c.rule),
      [],
    );
    assert.equal(ok.errorCount, 0, JSON.stringify(ok.diagnostics));
    const bad = checkText('fail.toml', c.fail, c.options);
    const hits = bad.diagnostics.filter((d) => d.ruleId === c.rule);
    assert.deepEqual(
      hits.map((d) => [d.messageId, d.pointer, d.line, d.column, d.severity]),
      c.expect,
    );
    if (c.message) assert.match(hits[0].message, c.message);
  });
}

test('every lint rule and each of its message ids has a case above, and every rule has metadata', () => {
  for (const rule of LINT_RULES) {
    assert.ok(
      CASES.some((c) => c.rule === rule.meta.id),
      `no test case for ${rule.meta.id}`,
    );
    assert.ok(rule.meta.description && rule.meta.rationale, rule.meta.id);
    for (const messageId of Object.keys(rule.meta.messages))
      assert.ok(
        CASES.some((c) => c.rule === rule.meta.id && c.expect.some((e) => e[0] === messageId)),
        `no test case for ${rule.meta.id} ${messageId}`,
      );
  }
});

test('a project can turn a configurable rule off or change its severity', () => {
  const doc = '[settings.host-containers.tools]\nsource = "public.ecr.aws/x/tools:1"\nsuperpowered = true\n';
  assert.equal(checkText('a.toml', doc, { rules: { 'host-containers/superpowered': 'off' } }).diagnostics.length, 0);
  assert.equal(checkText('a.toml', doc, { rules: { 'host-containers/superpowered': 'error' } }).errorCount, 1);
  // Bottlerocket's own verdicts cannot be re-graded
  assert.throws(() => checkText('a.toml', '[settings]\nnope = 1\n', { rules: { 'schema/unknown-key': 'off' } }), OptionError);
});

test('lints are skipped on a document Bottlerocket rejects anyway', () => {
  const r = checkText('a.toml', '[settings.bootstrap-commands.a]\ncommands = [["apiclient", "reboot"]]\nmode = "always"\nbogus = 1\n');
  assert.deepEqual(
    r.diagnostics.map((d) => d.ruleId),
    ['schema/unknown-key'],
  );
});
