/** Words for "what was found" in a wrong_format message. */

/** The first non-blank line, quoted and shortened, controls made visible. */
export function describeFirstLine(text: string): string {
  const line = text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .find((l) => l.trim() !== '');
  if (line === undefined) return 'empty';
  const shown = line.replace(/\p{Cc}/gu, '?');
  return `"${shown.length > 120 ? `${shown.slice(0, 120)}…` : shown}"`;
}

/** A guess at what the text is, for the user: "a vCard file", "a Google Contacts CSV", … */
export function guessFormat(text: string): string {
  const head = text.slice(0, 20_000);
  if (/^\s*BEGIN:VCARD/im.test(head)) return 'what looks like a vCard file';
  if (/^\ufeff?\s*BEGIN:VCALENDAR/i.test(head)) return 'what looks like a calendar (ICS) file';
  if (/(^|,)(Labels|Group Membership)(,|\r?\n|$)/m.test(head) || /E-mail 1 - Value/.test(head))
    return 'what looks like a Google Contacts CSV';
  if (/First[ _]?Name[,;\t]+"?Last[ _]?Name/i.test(head) || /Vorname[,;\t]+"?Nachname/i.test(head))
    return 'what looks like a LinkedIn Connections.csv';
  if (/^\s*[[{]/.test(head)) return 'what looks like JSON';
  if (/^\s*</.test(head)) return 'what looks like HTML or XML';
  return 'no header of that kind';
}
