#!/usr/bin/env node
// brud command-line entry. The program lives in dist/ (built by `npm run build`).
import { main } from '../dist/src/cli/main.js';
import { processIo } from '../dist/src/cli/io.js';

// a reader that goes away (`brud … | head -1`) is not an error: stop quietly with the status so far
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2), processIo());
