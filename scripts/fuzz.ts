/**
 * `npm run fuzz -- --inputs N [--seed S] [--out DIR]`: a long fuzzing campaign over the invariants of
 * test/fuzz/properties.ts, with the generators of test/fuzz/generators.ts. Runs in batches with fresh
 * seeds; a failing input is shrunk by fast-check to a minimal one and written to DIR (default
 * fuzz-failures/) as a .toml file with the property and the error in a header comment. Exits 1 when
 * anything failed. Prints throughput as it goes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { anyDocument, costlyDocument, schemaDocument } from '../test/fuzz/generators.js';
import { checkIsTotal, cliIsTotal, compileIsIdempotent, diffIsSound, mergeIsAssociative } from '../test/fuzz/properties.js';

const { values } = parseArgs({ options: { inputs: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } } });
const total = Number(values.inputs ?? 100_000);
const firstSeed = Number(values.seed ?? Date.now() % 2 ** 31);
const out = values.out ?? 'fuzz-failures';
if (!Number.isInteger(total) || total < 1) throw new Error('--inputs must be a positive whole number');

/** What a batch found: fast-check's run details, as far as the campaign reads them. */
interface Outcome {
  failed: boolean;
  numRuns: number;
  counterexample: readonly unknown[] | null;
  errorInstance: unknown;
}

interface Campaign {
  name: string;
  /** Share of the inputs. */
  weight: number;
  property: (seed: number, runs: number) => Promise<Outcome> | Outcome;
}

const sync = (arb: fc.Arbitrary<unknown[]>, check: (...xs: string[]) => void) => (seed: number, runs: number) =>
  fc.check(
    fc.property(arb, (xs) => check(...(xs as string[]))),
    { seed, numRuns: runs },
  );

const CAMPAIGNS: Campaign[] = [
  { name: 'check-total', weight: 60, property: sync(fc.tuple(anyDocument), (t) => void checkIsTotal(t)) },
  {
    name: 'compile-idempotent',
    weight: 20,
    property: sync(fc.tuple(schemaDocument), (t) => checkIsTotal(t).forEach(compileIsIdempotent)),
  },
  {
    name: 'diff-sound',
    weight: 8,
    property: sync(fc.tuple(schemaDocument, schemaDocument), (a, b) => {
      const [ra] = checkIsTotal(a);
      const [rb] = checkIsTotal(b);
      if (ra && rb) diffIsSound(ra, rb);
    }),
  },
  { name: 'merge-associative', weight: 4, property: sync(fc.tuple(schemaDocument, schemaDocument, schemaDocument), mergeIsAssociative) },
  {
    name: 'cli-total',
    weight: 7,
    property: (seed, runs) =>
      fc.check(
        fc.asyncProperty(anyDocument, fc.constantFrom('text', 'json', 'sarif', 'github', 'junit'), (t, f) => cliIsTotal(t, f)),
        { seed, numRuns: runs },
      ),
  },
  {
    name: 'cli-costly',
    weight: 1,
    property: (seed, runs) =>
      fc.check(
        fc.asyncProperty(costlyDocument, (t) => cliIsTotal(t)),
        { seed, numRuns: runs },
      ),
  },
];

const BATCH = 1000;
const weights = CAMPAIGNS.reduce((n, c) => n + c.weight, 0);
let done = 0;
let failures = 0;
let seed = firstSeed;
const started = performance.now();
while (done < total) {
  for (const c of CAMPAIGNS) {
    const runs = Math.max(1, Math.round((BATCH * c.weight) / weights));
    const details: Outcome = await c.property(seed, runs);
    if (details.failed) {
      failures++;
      mkdirSync(out, { recursive: true });
      const file = join(out, `${c.name}-${seed}.toml`);
      const example = (details.counterexample ?? []).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
      const error = String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance).split('\n')[0];
      writeFileSync(
        file,
        `# brud fuzz: property ${c.name} failed (seed ${seed}): ${error}\n${example.map((e, i) => `# --- input ${i + 1} ---\n${e}`).join('\n')}\n`,
      );
      console.log(`FAIL ${c.name} (seed ${seed}), minimized to ${file}: ${error}`);
    }
    done += details.numRuns;
    seed++;
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`\r${done.toLocaleString('en')} inputs, ${failures} failures, ${(done / seconds).toFixed(0)} inputs/s   `);
}
console.log(`\nfirst seed ${firstSeed}; ${done} inputs in ${((performance.now() - started) / 1000).toFixed(0)} s; ${failures} failures`);
process.exit(failures > 0 ? 1 : 0);
