/**
 * Content lines shared by vCard (RFC 6350) and iCalendar (RFC 5545): the same TEXT escaping and
 * the same folding rule, so that both exports are read back exactly by every client.
 */

/**
 * TEXT value escaping: backslash, comma, semicolon and line breaks (RFC 6350 §3.4, RFC 5545
 * §3.3.11). Every line break form becomes `\n`: a raw CR or LF would end the content line.
 */
export function escapeText(s: string): string {
  return (
    s
      // Other control characters are not allowed in TEXT (RFC 5545 §3.3.11): clients refuse them.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/,/g, '\\,')
      .replace(/;/g, '\\;')
      .replace(/\r\n|\r|\n/g, '\\n')
  );
}

/**
 * Folds a content line at 75 octets (RFC 6350 §3.2, RFC 5545 §3.1), never inside a UTF-8
 * sequence: a character that would cross the limit starts the next line. Continuation lines
 * begin with one space, which counts toward their 75. Ends with CRLF.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return `${line}\r\n`;
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  let limit = 75;
  for (const ch of line) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (curBytes + b > limit) {
      out.push(cur);
      cur = '';
      curBytes = 0;
      limit = 74; // continuation lines start with a space
    }
    cur += ch;
    curBytes += b;
  }
  out.push(cur);
  return `${out.join('\r\n ')}\r\n`;
}
