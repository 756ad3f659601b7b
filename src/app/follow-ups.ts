import type { Contact } from '../core/strength.js';
import type { TendEvent } from '../core/types.js';

/**
 * Everyone met at these events and marked for a follow-up, with their contacts since: what the
 * agenda and the calendar feed both decide follow-ups from.
 */
export function followUpCandidates(
  events: readonly TendEvent[],
  name: (personId: number) => string,
  contacts: ReadonlyMap<number, Contact[]>,
) {
  return events.flatMap((e) =>
    e.met
      .filter((m) => m.followUp)
      .map((m) => ({
        eventId: e.id,
        eventName: e.name,
        eventDate: e.date,
        place: e.place,
        personId: m.personId,
        personName: name(m.personId),
        line: m.line,
        contacts: contacts.get(m.personId) ?? [],
      })),
  );
}
