// Property tests: the invariants of test/fuzz/properties.ts over generated documents, a few hundred
// runs each, in every `npm test`. Long campaigns: `npm run fuzz -- --inputs N` (scripts/fuzz.ts).
import { test } from 'node:test';
import fc from 'fast-check';
import { anyDocument, costlyDocument, hostileDocument, mutatedDocument, schemaDocument } from './fuzz/generators.js';
import { checkIsTotal, cliIsTotal, compileIsIdempotent, diffIsSound, mergeIsAssociative } from './fuzz/properties.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

test('check is total on documents from the schema, hostile keys and mutated real user-data', () => {
  fc.assert(
    fc.property(fc.oneof(schemaDocument, hostileDocument, mutatedDocument), (text) => void checkIsTotal(text)),
    { numRuns: 250, seed: SEED },
  );
});

test('the CLI ends with 0, 1 or 2 and a bounded, escaped report, in every format', async () => {
  await fc.assert(
    fc.asyncProperty(anyDocument, fc.constantFrom('text', 'json', 'sarif', 'github', 'junit'), (text, format) => cliIsTotal(text, format)),
    { numRuns: 30, seed: SEED },
  );
});

test('inputs shaped for cost (long keys, wide lines, deep tables, many findings) are checked in bounds', async () => {
  await fc.assert(
    fc.asyncProperty(costlyDocument, (text) => cliIsTotal(text)),
    { numRuns: 4, seed: SEED },
  );
});

test('compile is idempotent and loses no setting', () => {
  fc.assert(
    fc.property(schemaDocument, (text) => {
      for (const r of checkIsTotal(text)) compileIsIdempotent(r);
    }),
    { numRuns: 120, seed: SEED },
  );
});

test('diff(a, a) is equal and diff is symmetric', () => {
  fc.assert(
    fc.property(schemaDocument, schemaDocument, (a, b) => {
      const [ra] = checkIsTotal(a);
      const [rb] = checkIsTotal(b);
      if (ra && rb) diffIsSound(ra, rb);
    }),
    { numRuns: 60, seed: SEED },
  );
});

test('merge is associative', () => {
  fc.assert(
    fc.property(schemaDocument, schemaDocument, schemaDocument, (a, b, c) => mergeIsAssociative(a, b, c)),
    { numRuns: 40, seed: SEED },
  );
});
