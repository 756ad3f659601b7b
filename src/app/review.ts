import { addDays, dayOf } from '../core/dates.js';
import { buildReview, type Review } from '../core/review.js';
import { meanStrength } from '../core/strength.js';
import { contactsByPerson, interactionsBetween } from '../storage/repos/interactions.js';
import { countIntrosMadeBetween } from '../storage/repos/intros.js';
import { outcomesBetween } from '../storage/repos/outcomes.js';
import { idsMatching } from '../storage/repos/people.js';
import { promisesWhere } from '../storage/repos/promises.js';
import type { AppContext } from './context.js';
import { listEvents } from './events.js';
import { toDay } from './validate.js';

/** `tend review [--days N | --since DATE]`: the period ends today. */
export async function review(
  ctx: AppContext,
  opts: { days?: number | undefined; since?: string | undefined } = {},
): Promise<Review> {
  const db = ctx.db;
  const to = dayOf(ctx.clock());
  const from =
    opts.since !== undefined
      ? toDay(opts.since, ctx.clock(), 'since')
      : addDays(to, -((opts.days ?? ctx.settings.reviewDays) - 1));
  const focusIds = await idsMatching(db, { circle: 'focus' });
  const contacts = await contactsByPerson(db, focusIds);
  const focusContacts = focusIds.map((id) => contacts.get(id) ?? []);
  const events = (await listEvents(ctx)).filter((e) => e.date >= from && e.date <= to);
  return buildReview(
    {
      from,
      to,
      interactions: await interactionsBetween(db, from, to),
      focusSize: focusIds.length,
      promises: await promisesWhere(db),
      events: events.map((e) => ({ name: e.name, date: e.date, outcome: e.outcome })),
      introsMade: await countIntrosMadeBetween(db, from, to),
      outcomes: await outcomesBetween(db, from, to),
      focusStrength: {
        start: meanStrength(focusContacts, addDays(from, -1), ctx.settings),
        end: meanStrength(focusContacts, to, ctx.settings),
      },
    },
    ctx.settings,
  );
}
