// The SARIF output validated against the SARIF 2.1.0 schema and GitHub's ingestion rules by the
// official SARIF Multitool (@microsoft/sarif-multitool, a devDependency), on ordinary and hostile
// input: control characters in keys, spaces and % in file names, stdin, absolute paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tmpFiles } from '../helpers.js';

const MULTITOOL = join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

/** The Multitool's findings (rule id and level) for a SARIF file, at error and warning level. */
function validate(file: string): string[] {
  const out = `${file}.validation.sarif`;
  const r = spawnSync(
    MULTITOOL,
    ['validate', file, '--output', out, '--log', 'ForceOverwrite', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning'],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ results?: Array<{ ruleId: string; level: string }> }> };
  return (log.runs[0]!.results ?? []).map((x) => `${x.ruleId} ${x.level}`);
}

test(
  'SARIF for ordinary and hostile input passes the SARIF Multitool (schema and GitHub rules)',
  { skip: process.platform !== 'linux' },
  async () => {
    const dir = tmpFiles({
      'odd dir/a%b,ü.toml': '[settings]\n"\\u001b[8mX\\n::error::y" = 1\nmotd = 1\n',
      'ok.toml': '[settings]\nmotd = "fine"\n',
    });
    const file = join(dir, 'out.sarif');
    const r = await runCli(
      ['check', '-f', 'sarif', '-o', file, 'odd dir', join(dir, 'odd dir', 'a%b,ü.toml'), 'ok.toml', '-', 'missing.toml'],
      {
        cwd: dir,
        stdin: '[settings]\nnope = 1\n',
      },
    );
    assert.equal(r.status, 2, r.stderr); // missing.toml could not be read
    assert.deepEqual(validate(file), []);
    const golden = join(dir, 'golden.sarif');
    writeFileSync(golden, readFileSync(join(ROOT, 'fixtures', 'golden', 'check', 'formats.sarif.json')));
    assert.deepEqual(validate(golden), []);
  },
);

test('the validator is live: a URI that is not a URI reference is reported', { skip: process.platform !== 'linux' }, async () => {
  const dir = tmpFiles({ 'a.toml': '[settings]\nnope = 1\n' });
  const file = join(dir, 'bad.sarif');
  const r = await runCli(['check', '-f', 'sarif', 'a.toml'], { cwd: dir });
  writeFileSync(file, r.stdout.replace('"uri": "a.toml"', '"uri": "<stdin>"'));
  assert.ok(validate(file).includes('SARIF1002 error'));
});
