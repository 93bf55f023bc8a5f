// Shared paths and helpers for the test suite (compiled to dist/test, run with node --test).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository root (tests run from dist/test). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'fixtures');
