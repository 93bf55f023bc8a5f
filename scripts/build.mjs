// `npm run build`: transpiles the TypeScript sources to dist/ with esbuild (one file in, one file out;
// type-checking is `npm run typecheck`), then generates dist/generated/ from schemas/.
// Plain JavaScript, so that it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
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
  entryPoints: ['src', 'test', 'scripts', 'bench'].flatMap(sources),
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
const generate = spawnSync(process.execPath, [join(root, 'dist/scripts/build-schemas.js')], { stdio: 'inherit' });
process.exit(generate.status ?? 1);
