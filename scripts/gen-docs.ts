/**
 * `npm run docs`: writes the generated reference docs (docs/rules.md, docs/variants-and-releases.md and
 * the help blocks of docs/cli.md; see scripts/docs-content.ts). Run it after changing a rule, the variant
 * matrix, a release fact or a command's help; test/docs.test.ts fails until you do.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedDocs } from './docs-content.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const docs = await generatedDocs(readFileSync(join(root, 'docs', 'cli.md'), 'utf8'));
for (const [path, text] of docs) {
  const file = join(root, path);
  let before = '';
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    // a new file
  }
  if (before === text) continue;
  writeFileSync(file, text);
  console.log(`wrote ${path}`);
}
