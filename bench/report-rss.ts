import { writeFileSync } from 'node:fs';

/**
 * Preloaded into a measured process (`node --require dist/bench/report-rss.js app.js`) where
 * /usr/bin/time is missing: at exit it writes its own peak resident set size in KiB, then its user
 * and system CPU seconds, to the file BENCH_RSS_FILE names, as `/usr/bin/time -f "%M %U %S"` does.
 * Node's spawnSync reports no rusage of the child, so the child reports it.
 */
const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
  });
}
