import { DomainError } from '../core/errors.js';
import { judgeAsk, ledgerOf, type AskDecision, type Ledger } from '../core/ledger.js';
import type { Interaction, Kind, Person } from '../core/types.js';
import type { Db } from '../storage/db.js';
import { contactsByPerson, getInteraction, insertInteraction } from '../storage/repos/interactions.js';
import { itemsOf } from '../storage/repos/items.js';
import { refreshContactDays } from '../storage/repos/people.js';
import { insertOutcome } from '../storage/repos/outcomes.js';
import { nowIso, type AppContext } from './context.js';
import { encodeStale, withFeatures } from './matching.js';
import { requirePerson } from './person-lookup.js';
import { suggestGives, type Give } from './gives.js';
import type { Warning } from './people.js';
import { askKinds, giveKinds, outcomeKinds, type OutcomeKind } from '../core/types.js';
import { interactionDay, type AskInput, type GiveInput, type LogInput } from './validate.js';
import { invalid } from '../core/errors.js';

export interface Logged {
  interaction: Interaction;
  people: { id: number; name: string }[];
  warnings: Warning[];
}

function checkKind(nature: string, kind: string | undefined): Kind | undefined {
  if (kind === undefined) return undefined;
  const allowed: readonly string[] = nature === 'asked' ? askKinds : nature === 'touch' ? [] : giveKinds;
  if (!allowed.includes(kind))
    throw invalid(
      `kind "${kind}" does not go with ${nature}${allowed.length ? ` (one of ${allowed.join(', ')})` : ''}`,
      [{ path: 'kind', message: `not a kind of ${nature}` }],
    );
  return kind as Kind;
}

async function record(
  ctx: AppContext,
  trx: Db,
  people: Person[],
  i: Omit<Interaction, 'id' | 'createdAt' | 'personIds'>,
): Promise<Interaction> {
  const id = await insertInteraction(trx, { ...i, personIds: people.map((p) => p.id) }, nowIso(ctx));
  await refreshContactDays(
    trx,
    people.map((p) => p.id),
  );
  const saved = await getInteraction(trx, id);
  if (!saved) throw new DomainError('internal', 'interaction vanished after insert');
  return saved;
}

/** `tend log`: any interaction, with one or more people. */
export async function logInteraction(ctx: AppContext, input: LogInput): Promise<Logged> {
  const kind = checkKind(input.nature, input.kind);
  const { day: date, warnings: dateWarnings } = interactionDay(
    input.date,
    ctx.clock(),
    ctx.settings.maxFutureDays,
  );
  if (input.nature === 'asked') await prepareAskGuard(ctx, input.people);
  return ctx.db.transaction().execute(async (trx) => {
    const people: Person[] = [];
    for (const q of input.people) people.push(await requirePerson(trx, q));
    if (input.nature === 'asked') {
      // Logging an ask goes through the same guard as `tend ask`.
      for (const p of people) {
        const decision = await judge(ctx, trx, p);
        if (decision.verdict === 'refuse') throw await refusal(ctx, trx, p, decision);
      }
    }
    const interaction = await record(ctx, trx, people, {
      date,
      channel: input.channel,
      nature: input.nature,
      kind,
      note: input.note,
      unearned: false,
    });
    return {
      interaction,
      people: people.map((p) => ({ id: p.id, name: p.name })),
      warnings: dateWarnings,
    };
  });
}

/**
 * `tend give`: a give to one person; also the way to log "I gave X an intro". With `once` (the web
 * app's one-click give), the same give to the same person on the same day is not logged twice:
 * the one already logged comes back with `unchanged`.
 */
export async function give(
  ctx: AppContext,
  input: GiveInput,
  opts: { once?: boolean } = {},
): Promise<Logged & { ledger: Ledger; unchanged?: boolean }> {
  const kind = checkKind('gave', input.kind);
  const { day: date, warnings: dateWarnings } = interactionDay(
    input.date,
    ctx.clock(),
    ctx.settings.maxFutureDays,
  );
  return ctx.db.transaction().execute(async (trx) => {
    const p = await requirePerson(trx, input.person);
    const known = opts.once ? await sameGive(trx, p.id, date, input.text) : undefined;
    if (known)
      return {
        interaction: known,
        people: [{ id: p.id, name: p.name }],
        warnings: dateWarnings,
        ledger: await ledgerFor(ctx, trx, p.id),
        unchanged: true,
      };
    const interaction = await record(ctx, trx, [p], {
      date,
      channel: input.channel ?? 'message',
      nature: 'gave',
      kind,
      note: input.text,
      unearned: false,
    });
    return {
      interaction,
      people: [{ id: p.id, name: p.name }],
      warnings: dateWarnings,
      ledger: await ledgerFor(ctx, trx, p.id),
    };
  });
}

async function sameGive(
  db: Db,
  personId: number,
  date: string,
  note: string,
): Promise<Interaction | undefined> {
  const row = await db
    .selectFrom('interactions as i')
    .innerJoin('interaction_people as ip', 'ip.interaction_id', 'i.id')
    .select('i.id')
    .where('ip.person_id', '=', personId)
    .where('i.nature', '=', 'gave')
    .where('i.date', '=', date)
    .where('i.note', '=', note)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? getInteraction(db, row.id) : undefined;
}

export interface Asked extends Logged {
  decision: AskDecision;
  gives: Give[];
  ledger: Ledger;
}

/**
 * `tend ask`: refused when I have never given to this person, unless `anyway` (then recorded as
 * an unearned ask); a negative balance warns. Refusals and warnings come with up to three gives.
 */
export async function ask(ctx: AppContext, input: AskInput): Promise<Asked> {
  const kind = checkKind('asked', input.kind);
  const { day: date, warnings: dateWarnings } = interactionDay(
    input.date,
    ctx.clock(),
    ctx.settings.maxFutureDays,
  );
  await prepareAskGuard(ctx, [input.person]);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await requirePerson(trx, input.person);
    const decision = await judge(ctx, trx, p);
    if (decision.verdict === 'refuse' && !input.anyway) throw await refusal(ctx, trx, p, decision);
    const warnings: Warning[] = [...dateWarnings];
    let gives: Give[] = [];
    if (decision.verdict === 'refuse') {
      gives = await suggestGives(ctx, trx, p);
      warnings.push({
        code: 'unearned_ask',
        message: `recorded as an unearned ask: you have never given to ${p.name}`,
      });
    } else if (decision.verdict === 'warn') {
      gives = await suggestGives(ctx, trx, p);
      warnings.push({
        code: 'overdrawn',
        message: `your balance with ${p.name} is ${decision.balance}: you have taken more than you gave`,
      });
    }
    const interaction = await record(ctx, trx, [p], {
      date,
      channel: input.channel ?? 'message',
      nature: 'asked',
      kind,
      note: input.text,
      unearned: decision.verdict === 'refuse',
    });
    return {
      interaction,
      people: [{ id: p.id, name: p.name }],
      warnings,
      decision,
      gives,
      ledger: await ledgerFor(ctx, trx, p.id),
    };
  });
}

/**
 * Before an ask's transaction: when the guard will refuse or warn, it suggests gives, which
 * match; stale features (mine, the network's, and this person's notes) are encoded now, outside
 * the transaction, so a refusal does not throw that work away nor hold the write lock through it
 * (as `prepareFocusGuard` does for focus changes). A person who cannot be found is left to the
 * transaction, which refuses it with the usual message.
 */
async function prepareAskGuard(ctx: AppContext, queries: readonly string[]): Promise<void> {
  for (const q of queries) {
    const p = await requirePerson(ctx.db, q).catch(() => undefined);
    if (p === undefined || (await judge(ctx, ctx.db, p)).verdict === 'allow') continue;
    await encodeStale(ctx);
    await withFeatures(ctx, ctx.db, await itemsOf(ctx.db, [p.id], { openOnly: true }));
  }
}

async function judge(ctx: AppContext, db: Db, p: Person): Promise<AskDecision> {
  const entries = (await contactsByPerson(db, [p.id])).get(p.id) ?? [];
  return judgeAsk(entries, ctx.settings);
}

async function refusal(ctx: AppContext, db: Db, p: Person, decision: AskDecision): Promise<DomainError> {
  const gives = await suggestGives(ctx, db, p);
  return new DomainError(
    'ask_refused',
    `you have never given anything to ${p.name}: give first (or ask anyway)`,
    { person: { id: p.id, name: p.name }, balance: decision.balance, gives, fields: ['anyway'] },
  );
}

async function ledgerFor(ctx: AppContext, db: Db, personId: number): Promise<Ledger> {
  return ledgerOf((await contactsByPerson(db, [personId])).get(personId) ?? [], ctx.settings);
}

/** What came of a give: a thank-you, something it led to, business closed and its value. */
export async function recordOutcome(
  ctx: AppContext,
  input: {
    interactionId: number;
    kind: string;
    valueCents?: number | undefined;
    note?: string | undefined;
    date?: string | undefined;
  },
): Promise<{ id: number }> {
  if (!(outcomeKinds as readonly string[]).includes(input.kind))
    throw invalid(`outcome "${input.kind}" is not one of ${outcomeKinds.join(', ')}`, [
      { path: 'kind', message: 'unknown outcome' },
    ]);
  const { day: date } = interactionDay(input.date, ctx.clock(), ctx.settings.maxFutureDays);
  return ctx.db.transaction().execute(async (trx) => {
    const i = await getInteraction(trx, input.interactionId);
    if (!i)
      throw new DomainError('unknown_interaction', `no interaction #${input.interactionId}`, {
        id: input.interactionId,
      });
    if (i.nature !== 'gave')
      throw invalid(`interaction #${i.id} is not a give: outcomes belong to gives`, [
        { path: 'interaction', message: 'not a give' },
      ]);
    const id = await insertOutcome(
      trx,
      {
        interactionId: i.id,
        personId: i.personIds[0],
        kind: input.kind as OutcomeKind,
        valueCents: input.valueCents,
        note: input.note,
        date,
      },
      nowIso(ctx),
    );
    return { id };
  });
}
