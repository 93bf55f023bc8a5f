// Preloaded by bench/bench.ts (node --require): writes the process's peak resident set size (KB) to
// the file named by BRUD_BENCH_RSS when it exits.
'use strict';
const file = process.env.BRUD_BENCH_RSS;
if (file) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
