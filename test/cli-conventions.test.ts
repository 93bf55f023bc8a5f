// The conventions ESLint and kubectl users bring: --rule, --stdin-filename for config lookup, TERM=dumb,
// and shell completion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runCli, tmpFiles } from './helpers.js';

const MODELESS = '[settings.bootstrap-commands.late]\ncommands = [["apiclient", "set", "motd=hi"]]\n';

type Out = {
  results: Array<{ diagnostics: Array<{ ruleId: string; severity: string }>; target: { variant: string; variantSource: string } }>;
};
const json = (s: string) => JSON.parse(s) as Out;

test('--rule id=severity re-grades a configurable rule and beats brud.toml; warn is read as warning', async () => {
  const dir = tmpFiles({ 'brud.toml': '[rules]\n"bootstrap/mode-missing" = "off"\n', 'a.toml': MODELESS });
  const off = await runCli(['check', '-f', 'json', 'a.toml'], { cwd: dir });
  assert.equal(off.status, 0);
  assert.deepEqual(json(off.stdout).results[0]!.diagnostics, []);
  const error = await runCli(['check', '-f', 'json', '--rule', 'bootstrap/mode-missing=error', 'a.toml'], { cwd: dir });
  assert.equal(error.status, 1);
  assert.deepEqual(
    json(error.stdout).results[0]!.diagnostics.map((d) => [d.ruleId, d.severity]),
    [['bootstrap/mode-missing', 'error']],
  );
  const warn = await runCli(
    ['check', '-f', 'json', '--no-config', '--rule', 'bootstrap/mode-missing=warn', '--rule', 'directive/unused=off', 'a.toml'],
    {
      cwd: dir,
    },
  );
  assert.equal(warn.status, 0);
  assert.deepEqual(
    json(warn.stdout).results[0]!.diagnostics.map((d) => d.severity),
    ['warning'],
  );
});

test('--rule refuses unknown rules (with a suggestion), Bottlerocket’s verdicts and a missing severity, with exit 2', async () => {
  const cases: Array<[string, RegExp]> = [
    ['bootstrap/mode-mising=off', /unknown rule "bootstrap\/mode-mising"; did you mean "bootstrap\/mode-missing"\?/],
    ['schema/type=off', /"schema\/type" is Bottlerocket's own verdict and cannot be re-graded/],
    ['bootstrap/mode-missing', /write RULE=SEVERITY/],
    ['bootstrap/mode-missing=loud', /write RULE=SEVERITY/],
  ];
  for (const [spec, message] of cases) {
    const r = await runCli(['check', '--rule', spec, 'examples/userdata.toml']);
    assert.equal(r.status, 2, spec);
    assert.match(r.stderr, message);
  }
});

test('--stdin-filename: the config is looked up from the directory the name puts stdin in', async () => {
  const dir = tmpFiles({ 'ecs/brud.toml': 'variant = "aws-ecs-2"\n', 'ecs/.keep': '' });
  const stdin = '[settings]\nmotd = "hi"\n';
  const named = await runCli(['check', '-f', 'json', '--stdin-filename', 'ecs/node.toml', '-'], { cwd: dir, stdin });
  assert.equal(named.status, 0);
  const { variant, variantSource } = json(named.stdout).results[0]!.target;
  assert.deepEqual([variant, variantSource], ['aws-ecs-2', 'config']);
  const plain = await runCli(['check', '-f', 'json', '-'], { cwd: dir, stdin });
  assert.equal(json(plain.stdout).results[0]!.target.variantSource, 'default');
});

test('TERM=dumb means no escape sequences even on a terminal; NO_COLOR too', async () => {
  const esc = '\u001b';
  assert.ok((await runCli(['check', 'examples/broken.toml'], { tty: true })).stdout.includes(esc));
  assert.ok(!(await runCli(['check', 'examples/broken.toml'], { tty: true, env: { TERM: 'dumb' } })).stdout.includes(esc));
  assert.ok(!(await runCli(['check', 'examples/broken.toml'], { tty: true, env: { NO_COLOR: '1' } })).stdout.includes(esc));
});

/** What bash completes for the words typed so far, with the script brud prints loaded. */
function bashComplete(script: string, words: string[]): string[] {
  const dir = tmpFiles({ 'brud.bash': script });
  const line = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync(
    'bash',
    ['-c', `source brud.bash; COMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _brud; printf '%s\\n' "\${COMPREPLY[@]}"`],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((s) => s !== '');
}

test('brud completion bash completes commands, each command’s options and variant names', async () => {
  const r = await runCli(['completion', 'bash']);
  assert.equal(r.status, 0);
  assert.deepEqual(bashComplete(r.stdout, ['brud', 'c']), ['check', 'compile', 'completion']);
  assert.deepEqual(bashComplete(r.stdout, ['brud', 'check', '--max']), ['--max-warnings']);
  assert.deepEqual(bashComplete(r.stdout, ['brud', 'plan', '--b']), ['--boot']);
  assert.deepEqual(bashComplete(r.stdout, ['brud', 'check', '--variant', 'aws-ecs-']), [
    'aws-ecs-1',
    'aws-ecs-2',
    'aws-ecs-3',
    'aws-ecs-4',
  ]);
  assert.deepEqual(bashComplete(r.stdout, ['brud', 'completion', 'f']), ['fish']);
});

test('brud completion zsh and fish name every command and option; an unknown shell is a usage error', async () => {
  const zsh = await runCli(['completion', 'zsh']);
  const fish = await runCli(['completion', 'fish']);
  assert.equal(zsh.status, 0);
  assert.match(zsh.stdout, /^#compdef brud\n/);
  for (const name of ['check', 'plan', 'compile', 'diff', 'merge', 'schema', 'explain', 'completion']) {
    assert.match(zsh.stdout, new RegExp(`\\n    '${name}:`));
    assert.match(fish.stdout, new RegExp(`-a ${name} -d `));
  }
  assert.match(zsh.stdout, /check\) opts=\(.*--stdin-filename.*\)/);
  assert.match(fish.stdout, /__fish_seen_subcommand_from check' -s f -l format -r\n/);
  const bad = await runCli(['completion', 'powershell']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /give one shell: bash, zsh, fish; got "powershell"/);
});

test('"--" ends the options: a file named "-o.toml" is an operand of check, diff and plan', async () => {
  const toml = '[settings.kubernetes]\nmax-pods = 58\n';
  const dir = tmpFiles({ '-o.toml': toml });
  const check = await runCli(['check', '--', '-o.toml'], { cwd: dir });
  assert.equal(check.status, 0, check.stderr);
  const diff = await runCli(['diff', '--', '-', '-o.toml'], { cwd: dir, stdin: toml.replace('58', '59') });
  // exit 1: the two differ, and what differs is the setting, not an option
  assert.equal(diff.status, 1, diff.stderr);
  assert.match(diff.stdout, /~ settings\.kubernetes\.max-pods: 59 → 58/);
  const plan = await runCli(['plan', '--', '-o.toml'], { cwd: dir });
  assert.equal(plan.status, 0, plan.stderr);
  // without "--" the name is an option, and a usage error says so (exit 2) rather than checking something else
  assert.equal((await runCli(['plan', '-o.toml'], { cwd: dir })).status, 2);
});
