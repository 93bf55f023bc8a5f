// The Action used from a source checkout (`uses: <owner>/brud@<ref>`), where dist/ does not exist: its
// first step builds brud in the action's directory (npm ci, npm run build), then the check runs as from
// the package. The checkout is a clone of this repository's commit; npm takes the packages from its cache
// (prefer-offline), which `npm ci` of this checkout filled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../action-runner.js';
import { ROOT, tmpFiles } from '../helpers.js';

test('from a source checkout without dist/, the action builds brud once, then checks', () => {
  const source = join(mkdtempSync(join(tmpdir(), 'brud-action-source-')), 'brud');
  const clone = spawnSync('git', ['clone', '-q', ROOT, source], { encoding: 'utf8' });
  assert.equal(clone.status, 0, clone.stderr);
  assert.ok(!existsSync(join(source, 'dist')));
  const workspace = tmpFiles({ 'nodes/bad.toml': readFileSync(join(ROOT, 'examples', 'broken.toml')) });
  const env = { npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
  const r = runAction(workspace, { paths: 'nodes' }, { name: 'push', payload: {} }, { actionPath: source, env });
  assert.equal(r.status, 1, r.log);
  assert.ok(existsSync(join(source, 'dist', 'src', 'action', 'action.js')), 'the first step built dist/');
  assert.match(r.log, /^::error file=nodes\/bad\.toml,line=7,col=12,/m);
  assert.equal(r.outputs.errors, '3');
  assert.match(r.summary, /^### brud check: ✖ 3 errors and 0 warnings\n/);
  // a second run finds the build and does not build again
  const again = runAction(workspace, { paths: 'nodes' }, { name: 'push', payload: {} }, { actionPath: source, env });
  assert.equal(again.status, 1);
  assert.doesNotMatch(again.log, /npm run build|added \d+ packages/);
});
