import { addDays } from '../core/dates.js';
import { givesFromMatches } from '../core/gives.js';
import { meetingFollowUps, type MeetingFollowUp } from '../core/meeting-follow-ups.js';
import { capturedMeetingsSince, contactsSince } from '../storage/repos/capture-meetings.js';
import { itemsOf } from '../storage/repos/items.js';
import { getPeople } from '../storage/repos/people.js';
import type { Promise_ } from '../core/types.js';
import type { Db } from '../storage/db.js';
import type { AppContext } from './context.js';
import { loadMatchWorld, matchNeeds, withFeatures, type MatchWorld } from './matching.js';

/**
 * Today's follow-ups after captured meetings: reads the recent calendar meetings with people in
 * Tend, what came after them, my open promises to them and their open needs with the best give
 * I could make (the matcher is loaded only when one of them has a need), then lets the core
 * decide (core/meeting-follow-ups.ts).
 */
export async function meetingFollowUpsFor(
  ctx: AppContext,
  db: Db,
  day: string,
  openPromises: readonly Promise_[],
  world?: MatchWorld,
): Promise<MeetingFollowUp[]> {
  const s = ctx.settings.capture;
  const from = addDays(day, -s.followUpDays);
  const meetings = (await capturedMeetingsSince(db, from)).filter((m) => m.people <= s.followUpMaxPeople);
  if (meetings.length === 0) return [];
  const ids = [...new Set(meetings.map((m) => m.personId))];
  const firstDay = meetings.reduce((a, m) => (m.day < a ? m.day : a), day);
  const contacts = await contactsSince(db, ids, firstDay);
  const needItems = await itemsOf(db, ids, { side: 'need', openOnly: true });
  const needs: { id: number; personId: number; text: string; give?: { offerText: string; via?: string } }[] =
    [];
  if (needItems.length > 0) {
    const fNeeds = await withFeatures(ctx, db, needItems);
    const w = world ?? (await loadMatchWorld(ctx, db));
    const threshold = w.threshold;
    for (const personId of ids) {
      const theirs = fNeeds.filter((n) => n.personId === personId);
      if (theirs.length === 0) continue;
      const gives = givesFromMatches(matchNeeds(w, personId, theirs), threshold);
      for (const n of theirs) {
        const best = gives.filter((g) => g.need.id === n.id).sort((a, b) => b.score - a.score)[0];
        let give: { offerText: string; via?: string } | undefined;
        if (best?.kind === 'offer') give = { offerText: best.offer.text };
        else if (best?.kind === 'intro')
          give = {
            offerText: best.offer.text,
            via: (await getPeople(db, [best.viaPersonId]))[0]?.name ?? `#${best.viaPersonId}`,
          };
        needs.push({ id: n.id, personId, text: n.text, ...(give ? { give } : {}) });
      }
    }
  }
  return meetingFollowUps(
    {
      today: day,
      meetings,
      contacts,
      promises: openPromises
        .filter((p) => ids.includes(p.personId))
        .map((p) => ({ id: p.id, personId: p.personId, text: p.text, due: p.due })),
      needs,
    },
    s,
  );
}
