/**
 * A large mailbox and calendar for the capture bench, as the clients write them: a Gmail Takeout
 * mbox (Received chains, DKIM, X-GM-THRID, multipart bodies with quoted replies, newsletters
 * with List-Unsubscribe, automatic mail) and a Google/Outlook calendar (VTIMEZONE for Berlin and
 * Outlook's Windows zone name, folded lines, weekly RRULEs with EXDATE, attendees with PARTSTAT,
 * Meet and Teams links, webinars, all-day and cancelled events). Seeded: the same bytes each run.
 */
import { mulberry32, type Rng } from '../lib/prng.js';

export const ME = 'maya@example.com';

const first = [
  'Jonas',
  'Anna',
  'Lars',
  'Priya',
  'Sofia',
  'Tom',
  'Mia',
  'Noah',
  'Lea',
  'Ben',
  'Emma',
  'Paul',
  'Zoe',
  'Omar',
  'Yuki',
  'Ines',
];
const last = [
  'Weber',
  'Müller',
  'Nilsson',
  'Raman',
  'Rossi',
  'Schmidt',
  'Fischer',
  'Kowalski',
  'Tanaka',
  'Haddad',
  'Dubois',
  'Novak',
];
const domains = [
  'example.org',
  'example.de',
  'startup.example',
  'bigcorp.example',
  'uni.example',
  'mail.example',
];

export interface Contact {
  name: string;
  email: string;
}

/** `n` distinct correspondents; the first `known` of them are people in Tend. */
export function contacts(n: number, seed = 7): Contact[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const f = rng.pick(first);
    const l = rng.pick(last);
    return {
      name: `${f} ${l}`,
      email: `${f.toLowerCase()}.${l.toLowerCase().replace('ü', 'ue')}${i}@${rng.pick(domains)}`,
    };
  });
}

const pad = (n: number): string => String(n).padStart(2, '0');
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const rfc2822 = (d: Date, offsetH: number): string => {
  const l = new Date(d.getTime() + offsetH * 3_600_000);
  return `${days[l.getUTCDay()] ?? ''}, ${l.getUTCDate()} ${months[l.getUTCMonth()] ?? ''} ${l.getUTCFullYear()} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}:${pad(l.getUTCSeconds())} ${offsetH >= 0 ? '+' : '-'}${pad(Math.abs(offsetH))}00`;
};
const fromLine = (d: Date): string =>
  `${days[d.getUTCDay()] ?? ''} ${months[d.getUTCMonth()] ?? ''} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
const hex = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
const words =
  'the plan looks good and I think we should move the launch to next week because the data pipeline still needs a review of the schema and the slow joins'.split(
    ' ',
  );
const sentence = (rng: Rng): string =>
  Array.from({ length: rng.int(8, 20) }, () => rng.pick(words)).join(' ');

/** A Gmail Takeout mbox of `messages` messages (threads of 1–4), ending `end`. */
export function mbox(messages: number, people: readonly Contact[], end: Date, seed = 11): string {
  const rng = mulberry32(seed);
  const out: string[] = [];
  let t = end.getTime() - messages * 40 * 60_000;
  let i = 0;
  while (i < messages) {
    const thread = `18${hex(rng, 14).replace(/[a-f]/g, '7')}`;
    const kind = rng.weighted([
      ['personal', 6],
      ['newsletter', 2],
      ['auto', 1],
      ['group', 1],
    ] as const);
    const other = rng.pick(people);
    const subject = rng.chance(0.3)
      ? `=?UTF-8?Q?${sentence(rng).slice(0, 30).replace(/ /g, '_')}_=E2=80=93_ok?=`
      : sentence(rng).slice(0, 50);
    let firstId: string | undefined;
    const replies = kind === 'personal' ? rng.int(1, 4) : 1;
    for (let r = 0; r < replies && i < messages; r++, i++) {
      t += rng.int(5, 70) * 60_000;
      const d = new Date(t);
      const id = `<CA${hex(rng, 24)}@mail.gmail.com>`;
      const mine = kind === 'personal' && r % 2 === 1;
      const from =
        kind === 'newsletter'
          ? 'Data Weekly <news@letters.example>'
          : kind === 'auto'
            ? 'Calendar <calendar-notification@google.com>'
            : mine
              ? `Maya Schulz <${ME}>`
              : `${other.name} <${other.email}>`;
      const to =
        kind === 'group'
          ? [ME, ...rng.sample(people, 8).map((p) => p.email)].join(', ')
          : mine
            ? `${other.name} <${other.email}>`
            : `Maya Schulz <${ME}>`;
      const boundary = `0000000000${hex(rng, 12)}`;
      const head = [
        `From ${thread}${r}@xxx ${fromLine(d)}`,
        `X-GM-THRID: ${thread}`,
        `X-Gmail-Labels: ${mine ? 'Sent' : kind === 'newsletter' ? 'Inbox,Category Promotions' : 'Inbox,Opened,Category Personal'}`,
        `Delivered-To: ${ME}`,
        `Received: by 2002:a05:6a10:${hex(rng, 4)}:b0:${hex(rng, 3)}:${hex(rng, 4)} with SMTP id ${hex(rng, 10)};`,
        `        ${rfc2822(d, -8)} (PST)`,
        `ARC-Seal: i=1; a=rsa-sha256; t=${Math.floor(t / 1000)}; cv=none; d=google.com; s=arc-20160816;`,
        `        b=${hex(rng, 60)}`,
        `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601; t=${Math.floor(t / 1000)};`,
        `        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject:date:message-id:reply-to;`,
        `        bh=${hex(rng, 44)};`,
        `        b=${hex(rng, 64)}`,
        `        ${hex(rng, 64)}`,
        'MIME-Version: 1.0',
        `Date: ${rfc2822(d, 1)}`,
        ...(firstId ? [`References: ${firstId}`, `In-Reply-To: ${firstId}`] : []),
        `Message-ID: ${id}`,
        `Subject: ${firstId ? 'Re: ' : ''}${subject}`,
        `From: ${from}`,
        `To: ${to}`,
        ...(rng.chance(0.15) && kind === 'personal' ? [`Cc: ${rng.pick(people).email}`] : []),
        ...(kind === 'newsletter'
          ? [
              'List-Unsubscribe: <mailto:unsubscribe@letters.example>, <https://letters.example/u>',
              'List-Id: Data Weekly <weekly.letters.example>',
              'Precedence: bulk',
            ]
          : []),
        ...(kind === 'auto' ? ['Auto-Submitted: auto-generated'] : []),
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
      ];
      const text = Array.from({ length: rng.int(3, 30) }, () => sentence(rng));
      const body = [
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset="UTF-8"',
        '',
        ...text,
        ...(firstId
          ? [
              '',
              `On ${rfc2822(d, 1)} ${other.name} wrote:`,
              ...text.slice(0, 5).map((l) => `> ${l}`),
              '>From the look of it, yes.',
            ]
          : []),
        '',
        `--${boundary}`,
        'Content-Type: text/html; charset="UTF-8"',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        ...text.map((l) => `<div dir=3D"ltr">${l}</div>`),
        '',
        `--${boundary}--`,
        '',
      ];
      out.push(head.join('\n'), body.join('\n'));
      firstId ??= id;
    }
  }
  return `${out.join('\n')}\n`;
}

const vtimezones = [
  'BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE',
  'BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE',
];

/** RFC 5545 folding: lines longer than 75 octets continue on the next line after a space. */
function fold(line: string): string {
  if (line.length <= 75) return line;
  const parts = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) parts.push(` ${line.slice(i, i + 74)}`);
  return parts.join('\r\n');
}

const stamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const local = (d: Date): string => stamp(d).replace('Z', '');

/** A Google/Outlook-style calendar of `events` VEVENTs over the year before `end`. */
export function calendar(events: number, people: readonly Contact[], end: Date, seed = 13): string {
  const rng = mulberry32(seed);
  const out = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${ME}`,
    'X-WR-TIMEZONE:Europe/Berlin',
    ...vtimezones,
  ];
  const span = 365 * 86_400_000;
  for (let i = 0; i < events; i++) {
    const outlook = rng.chance(0.3);
    const tz = outlook ? 'W. Europe Standard Time' : 'Europe/Berlin';
    const start = new Date(end.getTime() - rng.int(0, span / 3_600_000) * 3_600_000);
    start.setUTCMinutes(rng.pick([0, 30]), 0, 0);
    const dur = rng.pick([30, 45, 60, 90]) * 60_000;
    const kind = rng.weighted([
      ['one_on_one', 5],
      ['small', 3],
      ['weekly', 1],
      ['webinar', 1],
      ['all_day', 0.5],
      ['cancelled', 0.3],
    ] as const);
    const attendees =
      kind === 'one_on_one' || kind === 'weekly'
        ? [rng.pick(people)]
        : kind === 'webinar'
          ? rng.sample(people, 25)
          : rng.sample(people, rng.int(2, 5));
    const lines = ['BEGIN:VEVENT'];
    if (kind === 'all_day') {
      const d = local(start).slice(0, 8);
      lines.push(`DTSTART;VALUE=DATE:${d}`, `DTEND;VALUE=DATE:${d}`);
      if (outlook) lines.push('X-MICROSOFT-CDO-ALLDAYEVENT:TRUE');
    } else {
      lines.push(
        `DTSTART;TZID=${tz}:${local(start)}`,
        `DTEND;TZID=${tz}:${local(new Date(start.getTime() + dur))}`,
      );
    }
    if (kind === 'weekly') {
      lines.push(
        `RRULE:FREQ=WEEKLY;COUNT=${rng.int(4, 12)};BYDAY=${['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][start.getUTCDay()] ?? 'MO'}`,
      );
      if (rng.chance(0.5))
        lines.push(`EXDATE;TZID=${tz}:${local(new Date(start.getTime() + 7 * 86_400_000))}`);
    }
    lines.push(
      `DTSTAMP:${stamp(end)}`,
      `ORGANIZER;CN=Maya Schulz:mailto:${ME}`,
      `UID:${outlook ? `040000008200E00074C5B7101A82E008000000${hex(rng, 32).toUpperCase()}` : `${hex(rng, 26)}@google.com`}`,
    );
    for (const a of attendees)
      lines.push(
        `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${rng.chance(0.9) ? 'ACCEPTED' : 'TENTATIVE'};CN=${a.name};X-NUM-GUESTS=0:mailto:${a.email}`,
      );
    lines.push(
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=${ME};X-NUM-GUESTS=0:mailto:${ME}`,
    );
    const video = rng.chance(0.6);
    if (video && !outlook)
      lines.push(
        `X-GOOGLE-CONFERENCE:https://meet.google.com/${hex(rng, 3)}-${hex(rng, 4)}-${hex(rng, 3)}`,
        `DESCRIPTION:Join with Google Meet: https://meet.google.com/${hex(rng, 3)}\\n\\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720\\, and more`,
      );
    if (video && outlook)
      lines.push(
        'LOCATION:Microsoft Teams Meeting',
        `DESCRIPTION:${'_'.repeat(80)}\\nMicrosoft Teams meeting\\nJoin on your computer or mobile app\\nhttps://teams.microsoft.com/l/meetup-join/19%3ameeting_${hex(rng, 40)}%40thread.v2/0`,
        'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19',
      );
    if (!video)
      lines.push(
        `LOCATION:Café ${rng.pick(last)}\\, Torstraße ${rng.int(1, 200)}\\, 10119 Berlin\\, Germany`,
      );
    lines.push(
      `CREATED:${stamp(new Date(start.getTime() - 7 * 86_400_000))}`,
      `LAST-MODIFIED:${stamp(new Date(start.getTime() - 86_400_000))}`,
      `SEQUENCE:${rng.int(0, 2)}`,
      `STATUS:${kind === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      `SUMMARY:${kind === 'webinar' ? 'Webinar: ' : ''}${sentence(rng).slice(0, 40)}`,
      'TRANSP:OPAQUE',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:This is an event reminder',
      'TRIGGER:-P0DT0H10M0S',
      'END:VALARM',
      'END:VEVENT',
    );
    out.push(...lines);
  }
  out.push('END:VCALENDAR');
  return `${out.map(fold).join('\r\n')}\r\n`;
}
