// `npm run build`: transpiles the TypeScript sources to dist/ with esbuild (one file in, one file out;
// type-checking is `npm run typecheck`), generates dist/generated/ from schemas/, then bundles the CLI
// into one file, dist/brud.cjs, which bin/brud.cjs runs through a V8 code cache (one file to read and
// no module graph to resolve at start-up). Plain JavaScript, so that it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

function sources(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src', 'test', 'scripts', 'bench', 'web'].flatMap(sources),
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // src/input/hosts/yaml.ts requires the YAML parser where a require exists (the CLI bundle) and imports it
  // elsewhere; in these ES modules the require branch is never taken
  logOverride: { 'unsupported-require-call': 'silent' },
});
const generate = spawnSync(process.execPath, [join(root, 'dist/scripts/build-schemas.js')], { stdio: 'inherit' });
if (generate.status !== 0) process.exit(generate.status ?? 1);

// toml-eslint-parser only describes documents that do not parse: the bundle requires it (from node_modules,
// an ES module that Node 20.19+ can require) on the first syntax error, so that a clean run never loads it
const lazyEslintParser = {
  name: 'lazy-toml-eslint-parser',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]parse[\\/]eslint-parser\.ts$/ }, () => ({
      contents: 'export function eslintParser() { return require("toml-eslint-parser"); }',
      loader: 'js',
    }));
  },
};

// the CLI as one CommonJS file; its id names the code cache, so a rebuilt bundle never meets a stale cache
await build({
  plugins: [lazyEslintParser],
  absWorkingDir: root,
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist/brud.cjs',
  bundle: true,
  // toml-eslint-parser is required from node_modules only for a syntax error (above). The YAML parser is
  // bundled, but as a module that src/input/hosts/yaml.ts initializes on first use, when a host format
  // appears: a plain TOML check does not run it, and a manifest check does not resolve 72 files of
  // node_modules (check of a Karpenter manifest 1.85 -> 1.53 x node -e 0; TOML check unchanged)
  external: ['toml-eslint-parser'],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
const id = createHash('sha256')
  .update(readFileSync(join(root, 'dist/brud.cjs')))
  .digest('hex')
  .slice(0, 16);
// what bin/brud.cjs prints itself, without loading the bundle: `brud --help` and `--version` cost little more than `node -e 0`
const { mainHelp } = await import(join(root, 'dist/src/cli/main.js'));
const { VERSION } = await import(join(root, 'dist/generated/version.js'));
writeFileSync(
  join(root, 'dist/brud.json'),
  JSON.stringify({ bundle: 'brud.cjs', id, help: mainHelp(), version: `brud ${VERSION}\n` }) + '\n',
);
