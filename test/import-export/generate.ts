/**
 * A LinkedIn Connections.csv of any size, seeded and deterministic: the notes preamble, CRLF,
 * a BOM, quoted commas, about one member in five with an email, and a few hidden profiles.
 */
const FIRST = [
  'Anna',
  'José',
  'Łukasz',
  'Priya',
  'Chen',
  'Fatima',
  'Lars',
  'Ingrid',
  'Mateo',
  'Aiko',
  'Olu',
  'Zoë',
];
const LAST = [
  'Müller',
  'García López',
  'Nowak',
  'Raman',
  'Jun',
  'Haddad',
  'Berg',
  'Sørensen',
  'Rossi',
  'Tanaka',
  'Okafor',
  'Dubois',
];
const COMPANY = [
  'Siemens AG',
  'Acme, Inc.',
  'The "Good" Company',
  'Globex',
  'Initech',
  'Raman & Sons, Consulting',
  'Umbrella',
  '',
];
const TITLE = [
  'CTO',
  'Engineer',
  'Head of Partnerships',
  'Advisor, Board Member',
  'Founder',
  'Data Scientist',
  '',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function cell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function linkedInCsv(rows: number, seed = 1): string {
  let a = seed >>> 0;
  const rnd = (n: number): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd(xs.length))] as T;
  const out: string[] = [
    '\ufeffNotes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < rows; i++) {
    const slug = `member-${seed}-${i}`;
    if (i % 997 === 500) {
      out.push(`,,https://www.linkedin.com/in/${slug},,,,01 Apr 2018`);
      continue;
    }
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = rnd(5) < 1 ? `${slug}@example.com` : '';
    const date = `${String(1 + Math.floor(rnd(28))).padStart(2, '0')} ${pick(MONTHS)} ${2010 + Math.floor(rnd(15))}`;
    out.push(
      [first, `${last} ${i}`, `https://www.linkedin.com/in/${slug}/`, email, pick(COMPANY), pick(TITLE), date]
        .map(cell)
        .join(','),
    );
  }
  return `${out.join('\r\n')}\r\n`;
}
