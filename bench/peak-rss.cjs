// Preloaded into the CLI by bench/scale.ts (node --require): writes the
// process's peak resident set (kB) to LVSP_BENCH_RSS_FILE when it exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.LVSP_BENCH_RSS_FILE) writeFileSync(process.env.LVSP_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
