import { addDays, dayOf } from '../core/dates.js';
import type { Review } from '../core/review.js';
import { meanStrength } from '../core/strength.js';
import type { Day } from '../core/types.js';
import { contactsByPerson } from '../storage/repos/interactions.js';
import { idsMatching } from '../storage/repos/people.js';
import { promisesWhere } from '../storage/repos/promises.js';
import type { AppContext } from './context.js';
import { review } from './review.js';

export interface ReviewWeek {
  week: Day;
  gave: number;
  asked: number;
  real: number;
  digital: number;
  /** Mean strength of today's focus people at the end of the week (0–100). */
  focusStrength: number;
  promisesKept: number;
  promisesBroken: number;
  promisesKeptLate: number;
}

/**
 * The review the web app charts: `tend review` over `weeks` whole weeks ending today, plus the
 * series the review only gives as totals (focus strength at the end of each week, promises
 * closed per week). A read model for the charts; every rule stays in the core.
 */
export async function reviewSeries(
  ctx: AppContext,
  weeks: number,
): Promise<{ review: Review; weeks: ReviewWeek[] }> {
  const r = await review(ctx, { days: weeks * 7 });
  const db = ctx.db;
  const focusIds = await idsMatching(db, { circle: 'focus' });
  const contacts = await contactsByPerson(db, focusIds);
  const focusContacts = focusIds.map((id) => contacts.get(id) ?? []);
  const closed = (await promisesWhere(db)).filter((p) => p.doneOn !== undefined && p.status !== 'open');
  const today = dayOf(ctx.clock());
  return {
    review: r,
    weeks: r.weeks.map((w) => {
      const end = addDays(w.week, 6) < today ? addDays(w.week, 6) : today;
      const inWeek = closed.filter((p) => (p.doneOn ?? '') >= w.week && (p.doneOn ?? '') <= end);
      return {
        ...w,
        focusStrength: Math.round(meanStrength(focusContacts, end, ctx.settings) * 10) / 10,
        promisesKept: inWeek.filter((p) => p.status === 'kept').length,
        promisesBroken: inWeek.filter((p) => p.status === 'broken').length,
        promisesKeptLate: inWeek.filter((p) => p.status === 'kept' && (p.doneOn ?? '') > p.due).length,
      };
    }),
  };
}
