/** Where brud's own files are, wherever it is installed (this file compiles to dist/src/paths.js). */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GENERATED_DIR = join(REPO_ROOT, 'dist', 'generated');
