/**
 * The shape of an iCalendar file, checked before ical.js parses it: ical.js says what is wrong
 * but not where, and a user with a 40,000-line export needs the line. Unfolds lines (a line
 * starting with a space or tab continues the previous one), checks that every logical line is a
 * content line and that every BEGIN has its END, and cuts each calendar into its events, its time
 * zones and the rest (its properties), so that each event is parsed on its own: the parsed
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
  /** The calendar without its events and time zones: its properties and other components. */
  rest: string;
  /** Its events (VEVENT directly under VCALENDAR), in file order. */
  events: ScannedEvent[];
  /** Its time zones (VTIMEZONE directly under VCALENDAR), in file order, each checked on its own. */
  zones: ScannedEvent[];
}

export interface Scanned {
  ok: true;
  calendars: ScannedCalendar[];
  /**
   * Damage inside an event (a line that is not a content line, an END that does not match, an
   * event never ended, the file cut short in it): that event is left out and named here, and the
   * rest of the file is read. Damage anywhere else refuses the file (`ScanProblem`).
   */
  problems: { line: number; message: string }[];
  /** Events left out by such damage. */
  leftOut: number;
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
  const open: { name: string; line: number; from: number }[] = [];
  const calendars: ScannedCalendar[] = [];
  let calendar:
    | {
        from: number;
        line: number;
        cuts: { from: number; to: number }[];
        events: ScannedEvent[];
        zones: ScannedEvent[];
      }
    | undefined;
  /** The VEVENT being read (directly under VCALENDAR), and what damaged it, if anything has. */
  let event: { from: number; line: number; damage?: { line: number; message: string } } | undefined;
  const problems: { line: number; message: string }[] = [];
  let leftOut = 0;
  /** Where the last component directly under the calendar ended (an event's lost BEGIN is after it). */
  let afterComponent: number | undefined;
  let seenLine = false;
  let problem: ScanProblem | undefined;

  const fatal = (line: number, message: string, code: ScanProblem['code'] = 'broken_calendar'): false => {
    problem = { ok: false, code, line, message };
    return false;
  };
  /** Damage inside an event leaves that event out (named by its line); the file is read on. */
  const damage = (line: number, message: string): void => {
    if (event !== undefined) event.damage ??= { line, message };
  };
  /** The event ends before `to`: kept, or left out with its damage; either way not in the rest. */
  const endEvent = (to: number): void => {
    if (event === undefined || calendar === undefined) return;
    calendar.cuts.push({ from: event.from, to });
    if (event.damage === undefined)
      calendar.events.push({ text: text.slice(event.from, to), line: event.line });
    else {
      problems.push({ line: event.damage.line, message: `${event.damage.message}; the event was left out` });
      leftOut++;
    }
    event = undefined;
    afterComponent = to;
    open.length = 1;
  };
  /** Lines that were an event but for a BEGIN lost or misspelt: left out like a damaged event. */
  const leaveOut = (from: number | undefined, to: number, line: number, message: string): void => {
    if (calendar !== undefined && from !== undefined) calendar.cuts.push({ from, to });
    problems.push({ line, message: `${message}; the event was left out` });
    leftOut++;
    afterComponent = to;
  };
  const endCalendar = (to: number, ended: boolean): void => {
    if (calendar === undefined) return;
    let rest = '';
    let at = calendar.from;
    for (const cut of calendar.cuts) {
      rest += text.slice(at, cut.from);
      at = cut.to;
    }
    rest += text.slice(at, to);
    calendars.push({
      rest: ended ? rest : `${rest}\r\nEND:VCALENDAR\r\n`,
      events: calendar.events,
      zones: calendar.zones,
    });
    calendar = undefined;
    open.length = 0;
  };

  const whole = (l: Open): string =>
    l.folded ? text.slice(l.from, l.end).replace(foldedBreak, '') : text.slice(l.from, l.firstEnd);
  /** Checks one finished logical line and follows BEGIN and END; false stops the scan. */
  const finish = (l: Open): boolean => {
    if (!seenLine) {
      seenLine = true;
      const t = whole(l);
      if (t.trim().toUpperCase() !== 'BEGIN:VCALENDAR')
        return fatal(
          l.line,
          `not an iCalendar file: expected BEGIN:VCALENDAR, found ${shown(t)}${whatElse(t)}`,
          'not_a_calendar',
        );
    }
    contentLineAt.lastIndex = l.from;
    if (!contentLineAt.test(text) && !(l.folded && contentLine.test(whole(l)))) {
      const message = `not an iCalendar content line (NAME:value): ${shown(whole(l))}`;
      if (event === undefined) return fatal(l.line, message);
      damage(l.line, message);
      return true;
    }
    // A content line starts with its name (checked above): only a B or an E can begin or end.
    const c = text.charCodeAt(l.from) | 0x20;
    const m = c === 0x62 || c === 0x65 ? beginEnd.exec(whole(l).trim()) : null;
    if (!m) {
      if (open.length === 0)
        return fatal(l.line, `${shown(whole(l))} is outside BEGIN:VCALENDAR … END:VCALENDAR`);
      return true;
    }
    const name = (m[2] ?? '').trim().toUpperCase();
    if ((m[1] ?? '').toUpperCase() === 'BEGIN') {
      if (open.length === 0 && name !== 'VCALENDAR')
        return fatal(l.line, `BEGIN:${name} is outside BEGIN:VCALENDAR … END:VCALENDAR`);
      if (name === 'VEVENT' && event !== undefined) {
        // The event before never ended: it is left out, this one is read.
        damage(event.line, `BEGIN:VEVENT is never ended (another begins at line ${l.line})`);
        endEvent(l.from);
      }
      if (open.length === 0) {
        calendar = { from: l.from, line: l.line, cuts: [], events: [], zones: [] };
        afterComponent = undefined;
      } else if (open.length === 1 && name === 'VEVENT') event = { from: l.from, line: l.line };
      open.push({ name, line: l.line, from: l.from });
      return true;
    }
    const top = open.pop();
    if (top === undefined) return fatal(l.line, `END:${name} without a BEGIN`);
    if (top.name !== name) {
      const message = `END:${name} where BEGIN:${top.name} of line ${top.line} is not ended`;
      if (event === undefined && name === 'VEVENT' && top.name === 'VCALENDAR') {
        // An event whose BEGIN:VEVENT is lost: its lines since the calendar's last component are
        // left out (before any component, they stay with the calendar's own lines, unread).
        open.push(top);
        leaveOut(afterComponent, l.next, l.line, 'END:VEVENT without a BEGIN:VEVENT');
        return true;
      }
      if (event === undefined && name === 'VEVENT' && open.length === 1) {
        // A misspelt BEGIN (BEGIN:VEVNT … END:VEVENT): that event is left out.
        leaveOut(
          top.from,
          l.next,
          top.line,
          `BEGIN:${top.name} is ended by END:VEVENT at line ${l.line} (a misspelt BEGIN?)`,
        );
        return true;
      }
      if (event === undefined) return fatal(l.line, message);
      if (name === 'VCALENDAR') {
        damage(event.line, `BEGIN:VEVENT is never ended (END:VCALENDAR at line ${l.line})`);
        endEvent(l.from);
        endCalendar(l.next, true);
      } else if (name === 'VEVENT') {
        damage(l.line, message);
        endEvent(l.next);
      } else {
        damage(l.line, message);
        open.push(top);
      }
      return true;
    }
    if (open.length === 1 && event !== undefined) endEvent(l.next);
    else if (open.length === 1) {
      // A time zone ends: cut out like an event, to be parsed and checked on its own.
      if (name === 'VTIMEZONE' && calendar !== undefined) {
        calendar.cuts.push({ from: top.from, to: l.next });
        calendar.zones.push({ text: text.slice(top.from, l.next), line: top.line });
      }
      afterComponent = l.next;
    } else if (open.length === 0) endCalendar(l.next, true);
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
  const cutShort = `the file stops at line ${physicalLines}; is it cut short?`;
  if (event !== undefined) {
    // Cut short inside an event: the events before it are read, the cut one is left out.
    damage(event.line, `BEGIN:VEVENT is never ended (${cutShort})`);
    endEvent(text.length);
    endCalendar(text.length, false);
  } else if (open.length === 1 && calendar !== undefined) {
    problems.push({
      line: calendar.line,
      message: `BEGIN:VCALENDAR is never ended (${cutShort}); the events before the end were read`,
    });
    endCalendar(text.length, false);
  }
  const unended = open[open.length - 1];
  if (unended !== undefined)
    return {
      ok: false,
      code: 'broken_calendar',
      line: unended.line,
      message: `BEGIN:${unended.name} is never ended (${cutShort})`,
    };
  let lines: LogicalLine[] | undefined;
  return { ok: true, calendars, problems, leftOut, lines: () => (lines ??= logicalLines(text)) };
}

/** The line of the content line ical.js quotes in an error message, if it quotes one. */
export function lineOfError(message: string, lines: readonly LogicalLine[], from = 0): number | undefined {
  const quoted = /"([^"]{3,})"|'([^']{3,})'/.exec(message);
  const needle = quoted?.[1] ?? quoted?.[2];
  if (needle === undefined) return undefined;
  return lines.find((l) => l.line >= from && l.text.includes(needle))?.line;
}
