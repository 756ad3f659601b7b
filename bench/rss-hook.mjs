// Preloaded with `node --import ./bench/rss-hook.mjs …`: on exit, writes the process's peak
// resident set size (process.resourceUsage().maxRSS, in kilobytes) to the file named by
// TEND_BENCH_RSS_FILE. Nothing else: the measured program runs unchanged.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const out = process.env.TEND_BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
