// `npm run playground`: bundles the playground (web/) into web/dist/index.html, one self-contained file
// that works from any static host or from file:// (no module scripts, nothing else to load).
// `npm run playground -- --serve [--port N]` then serves it on localhost with node:http.
//
// The library runs unchanged in the page: esbuild puts web/platform.ts in place of src/util/platform.ts
// (the only module that reaches Node built-ins), and stubs node:fs and node:path, which only the
// project-config loader imports and the page never calls. The page's Content-Security-Policy allows
// its own inline script (by hash) and inline styles, and no connection of any kind.
// Needs `npm run build` first (the precompiled validator in dist/generated/); the npm script does both.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
export const OUT_DIR = join(root, 'web', 'dist');

/** esbuild plugin: the browser platform module, stubs for Node-only imports, the examples as data. */
const browserSeams = {
  name: 'brud-browser',
  setup(b) {
    const nodePlatform = join(root, 'src', 'util', 'platform.js');
    b.onResolve({ filter: /\/platform\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === nodePlatform ? { path: join(root, 'web', 'platform.ts') } : undefined,
    );
    // the precompiled validator (dist/generated/) imports the compiled library: take its sources instead
    const compiled = join(root, 'dist', 'src') + '/';
    b.onResolve({ filter: /^\.\.\/src\// }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      return target.startsWith(compiled) ? { path: join(root, 'src', target.slice(compiled.length).replace(/\.js$/, '.ts')) } : undefined;
    });
    b.onResolve({ filter: /^node:(fs|path)$/ }, () => ({ path: join(root, 'web', 'node-stub.ts') }));
    b.onResolve({ filter: /^brud:examples$/ }, () => ({ path: 'examples', namespace: 'brud' }));
    b.onLoad({ filter: /.*/, namespace: 'brud' }, () => {
      const dir = join(root, 'examples');
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.toml'))
        .sort();
      const examples = files.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
      return { contents: `export default ${JSON.stringify(examples)};`, loader: 'js', watchFiles: files.map((f) => join(dir, f)) };
    });
  },
};

/** Builds the page; returns its path and size in bytes. */
export async function buildPlayground() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['web/main.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    plugins: [browserSeams],
    // the page checks TOML: the YAML parser of host formats (a manifest, a template) stays out of it
    external: ['yaml'],
    logLevel: 'warning',
  });
  // an inline script ends at the first "</script": esbuild escapes it in strings, this makes sure
  const script = result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  const css = readFileSync(join(root, 'web', 'style.css'), 'utf8');
  const template = readFileSync(join(root, 'web', 'index.html'), 'utf8');
  const [before, after] = template.split('%SCRIPT%');
  if (after === undefined) throw new Error('web/index.html has no %SCRIPT% placeholder');
  // the policy names the script by the hash of exactly what stands between <script> and </script>
  const inline = before.slice(before.lastIndexOf('<script>') + '<script>'.length) + script + after.slice(0, after.indexOf('</script>'));
  const hash = createHash('sha256').update(inline).digest('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const html = before.replace('%CSP%', csp).replace('%STYLE%', () => css) + script + after;
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, 'index.html');
  writeFileSync(file + '.tmp', html);
  renameSync(file + '.tmp', file);
  return { file, bytes: new TextEncoder().encode(html).length };
}

/** Serves web/dist on 127.0.0.1 (GET and HEAD of index.html only). */
export function serve(port = 8080) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (path !== '/' && path !== '/index.html')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const body = readFileSync(join(OUT_DIR, 'index.html'));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const args = process.argv.slice(2);
  const unknown = args.find((a, i) => a !== '--serve' && a !== '--port' && args[i - 1] !== '--port');
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 8080;
  if (unknown || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: npm run playground [-- --serve [--port N]]');
    process.exit(2);
  }
  const { file, bytes } = await buildPlayground();
  console.log(`playground: ${file} (${(bytes / 1024).toFixed(0)} KiB); open it directly, or serve it with: npm run playground -- --serve`);
  if (args.includes('--serve')) {
    try {
      const server = await serve(port);
      console.log(`serving on http://localhost:${server.address().port}/ (Ctrl-C stops)`);
    } catch (e) {
      console.error(`playground: cannot listen on port ${port}: ${e.message}`);
      process.exit(2);
    }
  }
}
