/**
 * The shape of an iCalendar file, checked before ical.js parses it: ical.js says what is wrong
 * but not where, and a user with a 40,000-line export needs the line. Unfolds lines (a line
 * starting with a space or tab continues the previous one), checks that every logical line is a
 * content line and that every BEGIN has its END.
 */

export interface ScanProblem {
  ok: false;
  code: 'not_a_calendar' | 'broken_calendar';
  line: number;
  message: string;
}

export interface Scanned {
  ok: true;
  /** The physical line each VEVENT begins on, in file order. */
  eventLines: number[];
  /** Logical lines with the physical line they start on, to place an error ical.js reports. */
  lines: { text: string; line: number }[];
}

const contentLine = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?(?:;[^\r\n]*)?:/;
const shown = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);

function whatElse(first: string): string {
  const t = first.toUpperCase();
  if (t.startsWith('BEGIN:VCARD')) return ' (this is a vCard: `tend import vcard`)';
  if (/^FROM \S+/.test(first)) return ' (this looks like a mailbox: `tend import mail`)';
  if (t.startsWith('<?XML') || t.startsWith('<')) return ' (this is XML or HTML)';
  if (t.startsWith('{') || t.startsWith('[')) return ' (this is JSON)';
  if (first.includes(',') || first.includes(';')) return ' (this looks like a CSV file)';
  return '';
}

export function scanCalendar(text: string): Scanned | ScanProblem {
  const physical = text.split(/\r\n|\n|\r/);
  const lines: { text: string; line: number }[] = [];
  for (let i = 0; i < physical.length; i++) {
    const p = physical[i] ?? '';
    const last = lines[lines.length - 1];
    if ((p.startsWith(' ') || p.startsWith('\t')) && last !== undefined && physical[i - 1] !== '')
      last.text += p.slice(1);
    else if (/\S/.test(p)) lines.push({ text: p, line: i + 1 });
  }
  const first = lines[0];
  if (first === undefined)
    return { ok: false, code: 'not_a_calendar', line: 1, message: 'the file is empty' };
  if (first.text.trim().toUpperCase() !== 'BEGIN:VCALENDAR')
    return {
      ok: false,
      code: 'not_a_calendar',
      line: first.line,
      message: `not an iCalendar file: expected BEGIN:VCALENDAR, found ${shown(first.text)}${whatElse(first.text)}`,
    };
  const open: { name: string; line: number }[] = [];
  const eventLines: number[] = [];
  for (const l of lines) {
    if (!contentLine.test(l.text))
      return {
        ok: false,
        code: 'broken_calendar',
        line: l.line,
        message: `not an iCalendar content line (NAME:value): ${shown(l.text)}`,
      };
    // A content line starts with its name (checked above): only a B or an E can begin or end.
    const c = l.text.charCodeAt(0) | 0x20;
    const m = c === 0x62 || c === 0x65 ? /^(BEGIN|END):(.*)$/i.exec(l.text.trim()) : null;
    if (!m) {
      if (open.length === 0)
        return {
          ok: false,
          code: 'broken_calendar',
          line: l.line,
          message: `${shown(l.text)} is outside BEGIN:VCALENDAR … END:VCALENDAR`,
        };
      continue;
    }
    const name = (m[2] ?? '').trim().toUpperCase();
    if ((m[1] ?? '').toUpperCase() === 'BEGIN') {
      if (open.length === 0 && name !== 'VCALENDAR')
        return {
          ok: false,
          code: 'broken_calendar',
          line: l.line,
          message: `BEGIN:${name} is outside BEGIN:VCALENDAR … END:VCALENDAR`,
        };
      open.push({ name, line: l.line });
      if (name === 'VEVENT') eventLines.push(l.line);
      continue;
    }
    const top = open.pop();
    if (top === undefined)
      return { ok: false, code: 'broken_calendar', line: l.line, message: `END:${name} without a BEGIN` };
    if (top.name !== name)
      return {
        ok: false,
        code: 'broken_calendar',
        line: l.line,
        message: `END:${name} where BEGIN:${top.name} of line ${top.line} is not ended`,
      };
  }
  const unended = open[open.length - 1];
  if (unended !== undefined)
    return {
      ok: false,
      code: 'broken_calendar',
      line: unended.line,
      message: `BEGIN:${unended.name} is never ended (the file stops at line ${physical.length}; is it cut short?)`,
    };
  return { ok: true, eventLines, lines };
}

/** The line of the content line ical.js quotes in an error message, if it quotes one. */
export function lineOfError(message: string, lines: Scanned['lines']): number | undefined {
  const quoted = /"([^"]{3,})"|'([^']{3,})'/.exec(message);
  const needle = quoted?.[1] ?? quoted?.[2];
  if (needle === undefined) return undefined;
  return lines.find((l) => l.text.includes(needle))?.line;
}
