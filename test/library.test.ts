// The library door (src/index.ts) used directly, as an Action or an editor would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { explain, explainText, skippedEntry, unwrap } from '../src/index.js';

test('unwrap removes base64 and gzip and keeps the document text', () => {
  const toml = '[settings.motd]\n';
  const blob = Buffer.from(gzipSync(Buffer.from(`[settings]\nmotd = "hi"\n`))).toString('base64');
  const docs = unwrap(blob, 'blob.b64');
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.text, '[settings]\nmotd = "hi"\n');
  assert.deepEqual(docs[0]!.wrappings, ['base64', 'gzip']);
  assert.equal(unwrap(toml)[0]!.text, toml);
});

test('skippedEntry reports the entry as io/skipped and never as clean', () => {
  const r = skippedEntry('pipe.toml', 'FIFO');
  assert.equal(r.skipped, true);
  assert.equal(r.diagnostics[0]!.ruleId, 'io/skipped');
  assert.equal(r.diagnostics.length, 1);
  assert.match(r.diagnostics[0]!.message, /FIFO/);
});

test('explain shows when a key was deprecated and what replaces it', () => {
  const e = explain('settings.kubernetes.pod-infra-container-image');
  assert.ok(e.deprecated, 'the schema marks pod-infra-container-image deprecated');
  assert.match(explainText(e), new RegExp(`deprecated: +since ${e.deprecated.since.replace(/\./g, '\\.')}`));
});

test('the library refuses options it cannot use, with a clear error', async () => {
  const brud = (await import('brud')) as typeof import('../src/index.js');
  assert.throws(() => brud.check('[settings]\n', { variant: 'bogus' }), brud.OptionError);
  assert.throws(() => brud.check('[settings]\n', { osVersion: 'one' }), /osVersion must be a Bottlerocket release/);
});
