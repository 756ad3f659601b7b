/**
 * The shape of an iCalendar file, checked before ical.js parses it: ical.js says what is wrong
 * but not where, and a user with a 40,000-line export needs the line. Unfolds lines (a line
 * starting with a space or tab continues the previous one), checks that every logical line is a
 * content line and that every BEGIN has its END, and cuts each calendar into its events and the
 * rest (its properties and time zones), so that each event is parsed on its own: the parsed
 * copy of one event is garbage as soon as it is read, where the whole file's would live through
 * the reading (most of a large calendar's reading went to the garbage collector).
 */

export interface ScanProblem {
  ok: false;
  code: 'not_a_calendar' | 'broken_calendar';
  line: number;
  message: string;
}

/** A logical (unfolded) line with the physical line it starts on. */
export interface LogicalLine {
  text: string;
  line: number;
}

export interface ScannedEvent {
  /** The event's text, BEGIN:VEVENT to END:VEVENT with its line break, as the file wrote it. */
  text: string;
  /** The physical line its BEGIN:VEVENT is on. */
  line: number;
}

export interface ScannedCalendar {
  /** The calendar without its events: its properties, time zones and other components. */
  rest: string;
  /** Its events (VEVENT directly under VCALENDAR), in file order. */
  events: ScannedEvent[];
}

export interface Scanned {
  ok: true;
  calendars: ScannedCalendar[];
  /** Every logical line, built on demand to place an error (a large file never needs them). */
  lines(): LogicalLine[];
}

const contentLine = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?(?:;[^\r\n]*)?:/;
/** The same, tried where a line starts in the whole text (it cannot run past that physical line). */
const contentLineAt = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?(?:;[^\r\n]*)?:/y;
const beginEnd = /^(BEGIN|END):(.*)$/i;
const lineBreak = /\r\n|\n|\r/g;
const foldedBreak = /(?:\r\n|\n|\r)[ \t]/g;
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

/** The logical lines of `text` (folded lines joined), blank lines left out. */
export function logicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r\n|\n|\r/);
  const lines: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const p = physical[i] ?? '';
    const last = lines[lines.length - 1];
    if ((p.startsWith(' ') || p.startsWith('\t')) && last !== undefined && physical[i - 1] !== '')
      last.text += p.slice(1);
    else if (/\S/.test(p)) lines.push({ text: p, line: i + 1 });
  }
  return lines;
}

/** One logical line being read: where it starts, its first physical line, where it ends. */
interface Open {
  from: number;
  firstEnd: number;
  /** End of its last physical line, and the offset after that line's break. */
  end: number;
  next: number;
  line: number;
  folded: boolean;
}

export function scanCalendar(text: string): Scanned | ScanProblem {
  const open: { name: string; line: number }[] = [];
  const calendars: ScannedCalendar[] = [];
  let calendar: { from: number; cuts: { from: number; to: number }[]; events: ScannedEvent[] } | undefined;
  let event: { from: number; line: number } | undefined;
  let seenLine = false;
  let problem: ScanProblem | undefined;

  /** Checks one finished logical line and follows BEGIN and END; false stops the scan. */
  const whole = (l: Open): string =>
    l.folded ? text.slice(l.from, l.end).replace(foldedBreak, '') : text.slice(l.from, l.firstEnd);
  const finish = (l: Open): boolean => {
    if (!seenLine) {
      seenLine = true;
      const t = whole(l);
      if (t.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
        problem = {
          ok: false,
          code: 'not_a_calendar',
          line: l.line,
          message: `not an iCalendar file: expected BEGIN:VCALENDAR, found ${shown(t)}${whatElse(t)}`,
        };
        return false;
      }
    }
    contentLineAt.lastIndex = l.from;
    if (!contentLineAt.test(text) && !(l.folded && contentLine.test(whole(l)))) {
      problem = {
        ok: false,
        code: 'broken_calendar',
        line: l.line,
        message: `not an iCalendar content line (NAME:value): ${shown(whole(l))}`,
      };
      return false;
    }
    // A content line starts with its name (checked above): only a B or an E can begin or end.
    const c = text.charCodeAt(l.from) | 0x20;
    const m = c === 0x62 || c === 0x65 ? beginEnd.exec(whole(l).trim()) : null;
    if (!m) {
      if (open.length === 0) {
        problem = {
          ok: false,
          code: 'broken_calendar',
          line: l.line,
          message: `${shown(whole(l))} is outside BEGIN:VCALENDAR … END:VCALENDAR`,
        };
        return false;
      }
      return true;
    }
    const name = (m[2] ?? '').trim().toUpperCase();
    if ((m[1] ?? '').toUpperCase() === 'BEGIN') {
      if (open.length === 0 && name !== 'VCALENDAR') {
        problem = {
          ok: false,
          code: 'broken_calendar',
          line: l.line,
          message: `BEGIN:${name} is outside BEGIN:VCALENDAR … END:VCALENDAR`,
        };
        return false;
      }
      if (open.length === 0) calendar = { from: l.from, cuts: [], events: [] };
      else if (open.length === 1 && name === 'VEVENT') event = { from: l.from, line: l.line };
      open.push({ name, line: l.line });
      return true;
    }
    const top = open.pop();
    if (top === undefined) {
      problem = { ok: false, code: 'broken_calendar', line: l.line, message: `END:${name} without a BEGIN` };
      return false;
    }
    if (top.name !== name) {
      problem = {
        ok: false,
        code: 'broken_calendar',
        line: l.line,
        message: `END:${name} where BEGIN:${top.name} of line ${top.line} is not ended`,
      };
      return false;
    }
    if (open.length === 1 && event !== undefined && calendar !== undefined) {
      calendar.events.push({ text: text.slice(event.from, l.next), line: event.line });
      calendar.cuts.push({ from: event.from, to: l.next });
      event = undefined;
    } else if (open.length === 0 && calendar !== undefined) {
      let rest = '';
      let at = calendar.from;
      for (const cut of calendar.cuts) {
        rest += text.slice(at, cut.from);
        at = cut.to;
      }
      calendars.push({ rest: rest + text.slice(at, l.next), events: calendar.events });
      calendar = undefined;
    }
    return true;
  };

  // The logical line being read, one object reused for every line of the file.
  const current: Open = { from: 0, firstEnd: 0, end: 0, next: 0, line: 0, folded: false };
  let reading = false;
  let physicalLines = 0;
  let previousEmpty = false;
  let at = 0;
  lineBreak.lastIndex = 0;
  for (;;) {
    const br = lineBreak.exec(text);
    const end = br === null ? text.length : br.index;
    const next = br === null ? text.length : br.index + br[0].length;
    physicalLines++;
    const c = end > at ? text.charCodeAt(at) : -1;
    if ((c === 0x20 || c === 0x09) && reading && !previousEmpty) {
      current.folded = true;
      current.end = end;
      current.next = next;
    } else if (end > at && (c > 0x20 || /\S/.test(text.slice(at, end)))) {
      if (reading && !finish(current)) break;
      reading = true;
      current.from = at;
      current.firstEnd = current.end = end;
      current.next = next;
      current.line = physicalLines;
      current.folded = false;
    }
    previousEmpty = end === at;
    if (br === null) break;
    at = next;
  }
  lineBreak.lastIndex = 0;
  if (problem === undefined && reading) finish(current);
  if (problem !== undefined) return problem;
  if (!reading) return { ok: false, code: 'not_a_calendar', line: 1, message: 'the file is empty' };
  const unended = open[open.length - 1];
  if (unended !== undefined)
    return {
      ok: false,
      code: 'broken_calendar',
      line: unended.line,
      message: `BEGIN:${unended.name} is never ended (the file stops at line ${physicalLines}; is it cut short?)`,
    };
  let lines: LogicalLine[] | undefined;
  return { ok: true, calendars, lines: () => (lines ??= logicalLines(text)) };
}

/** The line of the content line ical.js quotes in an error message, if it quotes one. */
export function lineOfError(message: string, lines: readonly LogicalLine[], from = 0): number | undefined {
  const quoted = /"([^"]{3,})"|'([^']{3,})'/.exec(message);
  const needle = quoted?.[1] ?? quoted?.[2];
  if (needle === undefined) return undefined;
  return lines.find((l) => l.line >= from && l.text.includes(needle))?.line;
}
