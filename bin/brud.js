#!/usr/bin/env node
// brud's executable. It runs the CLI bundle (dist/brud.cjs, built by `npm run build`) with a V8 code
// cache beside it, so that a run does not parse and compile the whole program again: Node's own
// module compile cache where Node has one (22.1+), else a vm.Script cache written after the first run.
// A cache that cannot be written (a read-only install) is skipped without a word; a stale one is
// rejected by V8 or never matched (its name carries the bundle's content hash and the Node version).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { bundle: name, id } = JSON.parse(readFileSync(join(dist, 'brud.json'), 'utf8'));
const bundle = join(dist, name);
const cacheDir = join(dist, 'cache');

function load() {
  if (typeof module.enableCompileCache === 'function') {
    module.enableCompileCache(cacheDir);
    return { program: createRequire(import.meta.url)(bundle) };
  }
  const cacheFile = join(cacheDir, `brud-${id}-${process.version}-${process.arch}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(bundle, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, dist);
  // written after the run, so that the functions compiled lazily during it are in the cache too
  const save = cachedData === undefined || script.cachedDataRejected ? () => writeCache(cacheFile, script) : () => {};
  return { program: mod.exports, save };
}

function writeCache(file, script) {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, file);
  } catch {
    // a read-only install runs without a cache
  }
}

const { program, save } = load();
process.exitCode = await program.run(process.argv.slice(2));
save?.();
