/**
 * Micro-measurement, not a test: parse a 30,000-row LinkedIn Connections.csv (LinkedIn's
 * connection limit) and print the time. Run: node --import tsx bench/import/parse-linkedin-30k.ts
 */
import { parseImport } from '../../src/importers/index.js';

const firsts = ['Anna', 'José', 'Łukasz', 'Priya', 'Chen', 'Zoë', 'Ben', 'Ayşe'];
const lasts = ['Müller', 'García López', 'Nowak', 'Raman', "O'Brien", 'Ångström', 'Okafor', 'Yılmaz'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let csv =
  '\ufeffNotes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n\r\n' +
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n';
for (let i = 0; i < 30_000; i++) {
  const first = firsts[i % firsts.length] ?? '';
  const last = lasts[(i * 7) % lasts.length] ?? '';
  const email = i % 5 === 0 ? `${first.toLowerCase()}.${i}@example.com` : '';
  const day = String((i % 28) + 1).padStart(2, '0');
  csv += `${first},${last},https://www.linkedin.com/in/${first.toLowerCase()}-${i}/,${email},"Acme ${i % 300}, Inc.","Senior ""Staff"" Engineer",${day} ${months[i % 12] ?? 'Jan'} ${2010 + (i % 15)}\r\n`;
}
const bytes = new TextEncoder().encode(csv);
const times: number[] = [];
const cpu: number[] = [];
let records = 0;
for (let run = 0; run < 7; run++) {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = parseImport('linkedin', bytes);
  times.push(performance.now() - t);
  const used = process.cpuUsage(c);
  // CPU time of the whole process (includes GC helper threads): steadier than wall time on a
  // machine shared with other jobs.
  cpu.push((used.user + used.system) / 1000);
  if (!('ok' in r)) records = r.records.length;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(
  `30,000 rows, ${(bytes.length / 1e6).toFixed(1)} MB, ${records} records: wall first ${times[0]?.toFixed(0)} ms, median ${median(times).toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms; process CPU first ${cpu[0]?.toFixed(0)} ms, median ${median(cpu).toFixed(0)} ms (load average ${(await import('node:os')).loadavg()[0]?.toFixed(1)})`,
);
