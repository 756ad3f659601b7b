// The calendar floor: a whole Node process that reads the file, unfolds its lines (RFC 5545
// folding) and finds its events, and nothing else.
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8')
  .replace(/\r?\n[ \t]/g, '')
  .split(/\r?\n/);
let events = 0;
for (const l of lines) if (l === 'BEGIN:VEVENT') events++;
process.stdout.write(`${events}\n`);
