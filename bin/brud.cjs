#!/usr/bin/env node
'use strict';
// brud's executable (CommonJS: Node starts a CommonJS file faster than an ES module). It runs the CLI
// bundle (dist/brud.cjs, built by `npm run build`) with a V8 code cache beside it, so that a run does not
// parse and compile the whole program again: Node's own module compile cache where Node has one (22.1+),
// else a vm.Script cache written after the first run. A cache that cannot be written (a read-only
// install) is skipped without a word; a stale one is rejected by V8 or never matched (its name carries
// the bundle's content hash and the Node version). In a clone that was never built (`npm ci` does not
// build; packing does), the first run builds it.
const { existsSync, readFileSync, writeSync } = require('node:fs');

const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'brud.json'))) buildOnce();
const { bundle: name, id, help, version } = JSON.parse(readFileSync(join(dist, 'brud.json'), 'utf8'));

// `brud`, `brud --help` and `brud --version` print text the build wrote beside the bundle (what the
// program itself prints), so they do not load the program; if the write fails the program runs and
// reports it as it reports any output error
const [first, second] = process.argv.slice(2);
const quick =
  first === undefined
    ? { fd: 2, text: help, status: 2 }
    : first === '-h' || first === '--help' || (first === 'help' && second === undefined)
      ? { fd: 1, text: help, status: 0 }
      : first === '-v' || first === '--version'
        ? { fd: 1, text: version, status: 0 }
        : undefined;
if (quick && typeof quick.text === 'string' && printed(quick.fd, quick.text)) process.exit(quick.status);
else run();

function printed(fd, text) {
  try {
    writeSync(fd, text);
    return true;
  } catch {
    return false;
  }
}

/** A clone without dist/: build it once (on stderr, so that stdout stays the command's), or say how. */
function buildOnce() {
  const script = join(root, 'scripts', 'build.mjs');
  if (!existsSync(script)) {
    process.stderr.write('brud: this installation has no dist/ folder; reinstall the package\n');
    process.exit(2);
  }
  process.stderr.write('brud: first run in this clone: building dist/ (npm run build)\n');
  // loaded here only: child_process costs every run a few milliseconds
  const { spawnSync } = require('node:child_process');
  const built = spawnSync(process.execPath, [script], { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0 || !existsSync(join(dist, 'brud.json'))) {
    process.stderr.write('brud: the build failed; run "npm ci" and then "npm run build" to see why\n');
    process.exit(2);
  }
}

function run() {
  keepHeapSmall();
  const bundle = join(dist, name);
  const cacheDir = join(dist, 'cache');
  const { createRequire, enableCompileCache } = require('node:module');
  if (typeof enableCompileCache === 'function') {
    enableCompileCache(cacheDir);
    finish(require(bundle));
    return;
  }
  const cacheFile = join(cacheDir, `brud-${id}-${process.version}-${process.arch}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const vm = require('node:vm');
  const source = readFileSync(bundle, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, dist);
  // written after the run, so that the functions compiled lazily during it are in the cache too
  finish(mod.exports, cachedData === undefined || script.cachedDataRejected ? () => writeCache(cacheFile, script) : undefined);
}

function finish(program, save) {
  Promise.resolve(program.run(process.argv.slice(2))).then((status) => {
    process.exitCode = status;
    save?.();
  });
}

function writeCache(file, script) {
  const { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, file);
    // the caches of earlier builds or Node versions are never read again
    for (const name of readdirSync(dir))
      if (/^brud-.*\.bin$/.test(name) && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
  } catch {
    // a read-only install runs without a cache
  }
}

/**
 * A brud process checks and exits: its heap may stay close to what is live. Left to itself V8 lets the
 * old generation grow to several times its live size between full collections and doubles the young
 * one up to 32 MB, so a 1 MB file of 80,000 findings peaked at 200-240 MB RSS with 70 MB live. V8's heap
 * controller reads these two flags at each collection, so setting them now takes effect (unlike
 * --max-semi-space-size, which only the command line can set): each full collection leaves room for
 * 50 % growth, and the young generation keeps its first size.
 */
function keepHeapSmall() {
  const { setFlagsFromString } = require('node:v8');
  setFlagsFromString('--heap-growing-percent=50');
  setFlagsFromString('--semi-space-growth-factor=1');
}
