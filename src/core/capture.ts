import type { Settings } from './settings.js';
import type { Channel } from './types.js';

/**
 * The rules of capture (DESIGN.md "Capture without typing"), pure: a meeting read from a calendar
 * in, a decision out. Only real, personal exchanges count: a webinar, a declined invitation or an
 * all-day "Out of office" never becomes an interaction.
 */

const emailShape = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/**
 * An address in the one form Tend compares: `mailto:` dropped, trimmed, lower-cased. Undefined
 * when it is not an address (Apple's `invalid:nomail`, a `urn:uuid:`, an empty value).
 * @example normaliseEmail('MAILTO:Anna.Muller@Example.com ') === 'anna.muller@example.com'
 */
export function normaliseEmail(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = raw
    .trim()
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  return t.length <= 254 && emailShape.test(t) ? t : undefined;
}

/**
 * Links that open a video or voice meeting. Outlook writes Teams links into DESCRIPTION, Google
 * its Meet link into X-GOOGLE-CONFERENCE and DESCRIPTION, Zoom's add-ins into LOCATION.
 */
const videoLink =
  /(?:https?:\/\/)?(?:[\w-]+\.)*(?:zoom\.us|zoomgov\.com|meet\.google\.com|hangouts\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com|meet\.jit\.si|8x8\.vc|jitsi\.|whereby\.com|appear\.in|gotomeeting\.com|meet\.goto\.com|gotomeet\.me|bluejeans\.com|chime\.aws|join\.skype\.com|meet\.lync\.com|facetime\.apple\.com|around\.co|discord\.gg|app\.slack\.com\/huddle|meet\.ringcentral\.com|vc\.ringcentral\.com|lifesize\.com|dialpad\.com\/meetings|livestorm\.co|streamyard\.com)\b/i;

/** Words a client writes in LOCATION for a meeting that has no place. */
const virtualPlace =
  /^(?:microsoft teams(?:[- ]meeting|[- ]besprechung|[- ]réunion|[- ]vergadering)?|teams|zoom(?: meeting)?|google meet|meet|hangouts?|skype(?: meeting| for business)?|webex|facetime|jitsi|whereby|online|virtual|remote|video ?call|call|phone(?: call)?|telefon(?:at)?|conference call|tbd|n\/a)$/i;

const phoneOnly = /^[+\d\s().\-/]{6,}$/;
const urlOnly = /^(?:https?:\/\/|www\.)\S+$/i;

export interface MeetingPlace {
  location?: string | undefined;
  description?: string | undefined;
  /** Values of conference properties (RFC 7986 CONFERENCE, X-GOOGLE-CONFERENCE, Teams URLs). */
  conference: readonly string[];
  /** A client recorded a mapped place (Apple's X-APPLE-STRUCTURED-LOCATION). */
  structuredPlace?: boolean | undefined;
}

export function hasVideoLink(text: string | undefined): boolean {
  return text !== undefined && videoLink.test(text);
}

/** A LOCATION that names somewhere one can be: not a link, a phone number or "Microsoft Teams Meeting". */
export function isPhysicalPlace(location: string | undefined): boolean {
  const t = location?.trim() ?? '';
  if (t === '') return false;
  if (hasVideoLink(t) || urlOnly.test(t) || phoneOnly.test(t)) return false;
  // Outlook joins several locations with "; ": a room and "Microsoft Teams Meeting" is still a room.
  return t
    .split(/\s*;\s*/)
    .some((part) => part !== '' && !virtualPlace.test(part) && !urlOnly.test(part) && !phoneOnly.test(part));
}

/**
 * The channel of a meeting: a video link anywhere (LOCATION, DESCRIPTION or a conference
 * property) → `call`; a physical place → `in_person`; neither → `call` (a meeting with no place
 * is most often a phone or video call).
 * @example channelOfMeeting({ location: 'Café Einstein, Berlin', conference: [] }) === 'in_person'
 */
export function channelOfMeeting(p: MeetingPlace): Channel {
  if (p.conference.some((c) => c.trim() !== '')) return 'call';
  if (hasVideoLink(p.location) || hasVideoLink(p.description)) return 'call';
  if (isPhysicalPlace(p.location) || p.structuredPlace === true) return 'in_person';
  return 'call';
}

export interface MeetingPerson {
  email?: string | undefined;
  name?: string | undefined;
  /** PARTSTAT, upper-case: ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION, DELEGATED. */
  partstat?: string | undefined;
  /** CUTYPE, upper-case: INDIVIDUAL (the default), GROUP, RESOURCE, ROOM, UNKNOWN. */
  cutype?: string | undefined;
}

export interface Meeting extends MeetingPlace {
  /** Start and end as instants (ms); `allDay` for DATE values and Outlook's all-day flag. */
  start: number;
  end: number;
  allDay: boolean;
  /** STATUS, upper-case; CANCELLED for a cancelled event or occurrence. */
  status?: string | undefined;
  organizer?: MeetingPerson | undefined;
  attendees: readonly MeetingPerson[];
}

export type SkipReason =
  'not_ended' | 'cancelled' | 'declined' | 'all_day' | 'too_many_attendees' | 'no_one_else';

export type MeetingVerdict =
  | { capture: true; channel: Channel; others: { email: string; name?: string | undefined }[] }
  | { capture: false; reason: SkipReason };

const isRoom = (p: MeetingPerson): boolean => p.cutype === 'ROOM' || p.cutype === 'RESOURCE';

/**
 * Whether a meeting becomes interactions, and with whom: it has ended, was not cancelled, I did
 * not decline it, it is not all-day, and it has at most `capture.maxAttendees` attendees (me,
 * the organizer and everyone invited, rooms and resources not counted; inviting a group is a
 * broadcast). `others` are the people I met: not me, not those who declined.
 * @example judgeMeeting(m, new Set(['me@example.com']), settings, now) // { capture: true, channel: 'call', others: [...] }
 */
export function judgeMeeting(
  m: Meeting,
  me: ReadonlySet<string>,
  s: Pick<Settings, 'capture'>,
  now: number,
): MeetingVerdict {
  if (m.status === 'CANCELLED') return { capture: false, reason: 'cancelled' };
  if (m.allDay) return { capture: false, reason: 'all_day' };
  if (Math.max(m.end, m.start) > now) return { capture: false, reason: 'not_ended' };
  const people = [...(m.organizer ? [m.organizer] : []), ...m.attendees].filter((p) => !isRoom(p));
  if (people.some((p) => p.cutype === 'GROUP')) return { capture: false, reason: 'too_many_attendees' };
  // One entry per address; an attendee's own answer wins over the organizer line (which has none).
  const byEmail = new Map<string, MeetingPerson>();
  let unnamed = 0;
  for (const p of people) {
    const email = normaliseEmail(p.email);
    if (email === undefined) {
      unnamed++;
      continue;
    }
    const had = byEmail.get(email);
    byEmail.set(email, {
      ...had,
      ...p,
      email,
      name: p.name ?? had?.name,
      partstat: p.partstat ?? had?.partstat,
    });
  }
  const mine = [...byEmail.values()].filter((p) => p.email !== undefined && me.has(p.email));
  if (mine.some((p) => p.partstat === 'DECLINED')) return { capture: false, reason: 'declined' };
  if (byEmail.size + unnamed > s.capture.maxAttendees)
    return { capture: false, reason: 'too_many_attendees' };
  const others = [...byEmail.values()]
    .filter((p) => p.email !== undefined && !me.has(p.email) && p.partstat !== 'DECLINED')
    .map((p) => ({ email: p.email ?? '', ...(p.name !== undefined ? { name: p.name } : {}) }));
  if (others.length === 0) return { capture: false, reason: 'no_one_else' };
  return { capture: true, channel: channelOfMeeting(m), others };
}
