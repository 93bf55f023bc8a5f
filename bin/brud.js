#!/usr/bin/env node
// brud command-line entry. The program lives in dist/ (built by `npm run build`).
import { main } from '../dist/src/cli/main.js';
import { processIo } from '../dist/src/cli/io.js';

process.exitCode = await main(process.argv.slice(2), processIo());
