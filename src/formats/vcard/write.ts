import { componentsOf, splitDisplayName, type NameComponents } from '../../core/names.js';
import type { Person } from '../../core/types.js';
import { escapeText, foldLine } from '../content-lines.js';

/** The N a card carries: the source's structured name when there is one, else a cautious split. */
export function structuredName(p: Pick<Person, 'name' | 'nameParts'>): NameComponents {
  return p.nameParts ? componentsOf(p.nameParts) : splitDisplayName(p.name);
}

/** `N:family;given;additional;prefix;suffix`, each component's values joined by unescaped commas. */
export function nLine(n: NameComponents): string {
  const comp = (values: string[]): string => values.map(escapeText).join(',');
  return `N:${[n.family, n.given, n.additional, n.prefix, n.suffix].map(comp).join(';')}`;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID as the URI RFC 6350 §6.7.6 recommends; anything else as text. */
export function uidLine(uid: string): string {
  return uuid.test(uid) ? `UID:urn:uuid:${uid.toLowerCase()}` : `UID;VALUE=text:${escapeText(uid)}`;
}

/** One vCard 4.0 (RFC 6350): CRLF line ends, folded at 75 octets, TEXT values escaped. */
export function vcardOf(p: Person): string {
  const lines: string[] = ['BEGIN:VCARD', 'VERSION:4.0', uidLine(p.uid), `FN:${escapeText(p.name)}`];
  lines.push(nLine(structuredName(p)));
  p.emails.forEach((e, i) => lines.push(`EMAIL${i === 0 ? ';PREF=1' : ''}:${escapeText(e)}`));
  p.phones.forEach((t, i) => lines.push(`TEL;VALUE=text${i === 0 ? ';PREF=1' : ''}:${escapeText(t)}`));
  if (p.company) lines.push(`ORG:${escapeText(p.company)}`);
  if (p.title) lines.push(`TITLE:${escapeText(p.title)}`);
  if (p.linkedin) {
    // URL for every reader; X-SOCIALPROFILE is how Apple Contacts shows a LinkedIn profile.
    lines.push(`URL;TYPE=linkedin:${p.linkedin}`);
    lines.push(`X-SOCIALPROFILE;TYPE=linkedin:${p.linkedin}`);
  }
  for (const u of p.urls) lines.push(`URL:${u}`);
  if (p.birthday) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.birthday);
    const y = /^--(\d{2})-(\d{2})$/.exec(p.birthday);
    if (m) lines.push(`BDAY:${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`);
    else if (y) lines.push(`BDAY:--${y[1] ?? ''}${y[2] ?? ''}`);
  }
  const note = [p.met ? `Met: ${p.met}` : undefined, p.notes].filter((x): x is string => !!x).join('\n');
  if (note) lines.push(`NOTE:${escapeText(note)}`);
  if (p.tags.length > 0) lines.push(`CATEGORIES:${p.tags.map(escapeText).join(',')}`);
  lines.push('PRODID:-//Tend//Tend 0.1//EN');
  lines.push('END:VCARD');
  return lines.map(foldLine).join('');
}
