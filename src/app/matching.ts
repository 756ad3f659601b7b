import type { Item } from '../core/types.js';
import type { FeedbackModel, Features, MatchIndex, Matcher } from '../matching/index.js';
import type { Db } from '../storage/db.js';
import { getFeatures, putFeatures } from '../storage/repos/features.js';
import { allFeedback } from '../storage/repos/feedback.js';
import { itemsOf, openItemsInCircles } from '../storage/repos/items.js';
import type { AppContext } from './context.js';
import { warmFor, type WarmWorld } from './warm.js';

export type FItem = Item & { f: Features };

/** Notes encoded per matcher call when many are missing (a progress step: ~1–2 s). */
export const ENCODE_CHUNK = 64;

/**
 * Features of items, read from the database; any item without features of the current matcher
 * version (new, or encoded by an older matcher) is encoded now and stored, so the index is never stale.
 */
export async function withFeatures(ctx: AppContext, db: Db, items: readonly Item[]): Promise<FItem[]> {
  if (items.length === 0) return [];
  const m = await ctx.matcher();
  // The daemon keeps features by item and text: only new and edited notes are read (or encoded).
  const warm = warmFor(ctx, db);
  const kept = new Map<number, Features>();
  for (const i of warm ? items : []) {
    const f = warm?.featuresOf(i.id, i.text, m.version);
    if (f) kept.set(i.id, f);
  }
  const toRead = kept.size > 0 ? items.filter((i) => !kept.has(i.id)) : items;
  const stored =
    toRead.length > 0
      ? await getFeatures(
          db,
          toRead.map((i) => i.id),
          m.version,
        )
      : new Map<number, Features>();
  const missing = toRead.filter((i) => !stored.has(i.id));
  // In chunks, each stored as it is done, so a long re-encoding reports progress (and, outside a
  // transaction, an interrupted one keeps what it finished).
  const report = missing.length > ENCODE_CHUNK ? ctx.onEncode : undefined;
  try {
    for (let at = 0; at < missing.length; at += ENCODE_CHUNK) {
      report?.(at, missing.length);
      const chunk = missing.slice(at, at + ENCODE_CHUNK);
      const encoded = await m.featurize(chunk.map((i) => i.text));
      const rows = chunk.map((i, n) => ({
        itemId: i.id,
        version: m.version,
        data: encoded[n] ?? new Uint8Array(),
      }));
      if (ctx.deferredFeatures) ctx.deferredFeatures.push(...rows);
      else await putFeatures(db, rows);
      for (const r of rows) stored.set(r.itemId, r.data);
    }
  } finally {
    // The encoding is over, done or failed: a progress display can end.
    report?.(missing.length, missing.length);
  }
  for (const i of warm ? toRead : []) {
    const f = stored.get(i.id);
    if (f) warm?.keepFeatures(i.id, i.text, m.version, f);
  }
  return items.map((i) => ({ ...i, f: kept.get(i.id) ?? stored.get(i.id) ?? new Uint8Array() }));
}

/**
 * Encodes every open note matching may read (mine, and those of people in focus and network)
 * whose features are missing or stale. Use cases that match inside a writing transaction call it
 * first, so the transaction never holds its lock through minutes of model work after a matcher
 * update, and a refusal inside it does not throw that work away.
 */
export async function encodeStale(ctx: AppContext): Promise<void> {
  const circles = ['focus', 'network'];
  await withFeatures(ctx, ctx.db, [
    ...(await itemsOf(ctx.db, [null], { openOnly: true })),
    ...(await openItemsInCircles(ctx.db, 'offer', circles)),
    ...(await openItemsInCircles(ctx.db, 'need', circles)),
  ]);
}

/** Encodes and stores features for freshly written items (inside the writing transaction). */
export async function indexItems(ctx: AppContext, db: Db, items: readonly Item[]): Promise<void> {
  await withFeatures(ctx, db, items);
}

/**
 * The pair score of the context's matcher. The matching module is imported lazily, like the
 * matcher itself, so commands that match nothing never load it.
 */
export async function pairScorer(ctx: AppContext): Promise<(need: Features, offer: Features) => number> {
  const [m, { scorePair }] = await Promise.all([ctx.matcher(), import('../matching/index.js')]);
  return (need, offer) => scorePair(m, need, offer);
}

/** What matching around a person needs: my side, and the network's offers in an index. */
export interface MatchWorld {
  matcher: Matcher;
  /** The pair score with the user's answers applied (the offer's id as its key, when known). */
  score: (need: Features, offer: Features, offerKey?: string) => number;
  threshold: number;
  myOffers: FItem[];
  /** My open needs and goals. */
  myNeeds: FItem[];
  networkOffers: Map<number, FItem>;
  networkIndex: MatchIndex;
  /** The user's answers: "need:offer" pairs never shown again, and pairs kept and marked. */
  dismissed: ReadonlySet<string>;
  confirmed: ReadonlySet<string>;
  /** Relevance feedback learned from the answers (the score above already includes it). */
  feedback: FeedbackModel;
}

export const pairKey = (needId: number, offerId: number): string => `${needId}:${offerId}`;

/**
 * The world for matching. In the daemon it is kept between commands (`Warm`): unchanged since the
 * last command, it is used as it is; after any commit the item lists and answers are read again
 * and only new, edited and gone offers touch the index (a search ranks the same however the
 * index was built: ties go by id).
 */
export async function loadMatchWorld(ctx: AppContext, db: Db): Promise<MatchWorld> {
  const matcher = await ctx.matcher();
  const warm = warmFor(ctx, db);
  // Read before the lists: a commit while they are read leaves the next command a refresh.
  const at = warm?.version();
  const kept = warm?.world?.matcherVersion === matcher.version ? warm.world : undefined;
  if (kept && at !== undefined && kept.version === at) return worldOf(ctx, matcher, kept);
  // Until the refresh is through, nothing is kept: a failure half-way leaves the next command to
  // build it afresh.
  if (warm) warm.world = undefined;
  const mine = await withFeatures(ctx, db, await itemsOf(db, [null], { openOnly: true }));
  const network = await withFeatures(ctx, db, await openItemsInCircles(db, 'offer', ['focus', 'network']));
  const index = kept?.index ?? matcher.createIndex();
  const offers = kept?.network ?? new Map<number, FItem>();
  const fresh = new Set(network.map((o) => o.id));
  for (const id of [...offers.keys()])
    if (!fresh.has(id)) {
      index.remove(String(id));
      offers.delete(id);
    }
  // Features kept for an unchanged text are the very same bytes: only others are indexed again.
  for (const o of network) {
    if (offers.get(o.id)?.f !== o.f) index.upsert(String(o.id), o.f);
    offers.set(o.id, o);
  }
  const answers = await allFeedback(db);
  const answered = await getFeatures(
    db,
    [...new Set(answers.flatMap((a) => [a.needId, a.offerId]))],
    matcher.version,
  );
  const { FeedbackModel } = await import('../matching/index.js');
  const feedback = new FeedbackModel(
    answers.flatMap((a) => {
      const need = answered.get(a.needId);
      const offer = answered.get(a.offerId);
      return need && offer
        ? [{ need, offer, confirmed: a.verdict === 'confirmed', offerKey: String(a.offerId) }]
        : [];
    }),
  );
  const pairs = (v: string): Set<string> =>
    new Set(answers.filter((a) => a.verdict === v).map((a) => pairKey(a.needId, a.offerId)));
  const world: WarmWorld = {
    version: at,
    matcherVersion: matcher.version,
    mine,
    network: offers,
    index,
    feedback,
    score: feedback.scorer(await pairScorer(ctx)),
    dismissed: pairs('dismissed'),
    confirmed: pairs('confirmed'),
  };
  if (warm) warm.world = world;
  return worldOf(ctx, matcher, world);
}

function worldOf(ctx: AppContext, matcher: Matcher, w: WarmWorld): MatchWorld {
  return {
    matcher,
    score: w.score,
    dismissed: w.dismissed,
    confirmed: w.confirmed,
    feedback: w.feedback,
    threshold: ctx.settings.matchThreshold,
    myOffers: w.mine.filter((i) => i.side === 'offer'),
    myNeeds: w.mine.filter((i) => i.side === 'need' || i.side === 'goal'),
    networkOffers: w.network,
    networkIndex: w.index,
  };
}

export interface PairScore {
  offer: FItem;
  score: number;
  /** The user confirmed this pair: it is kept whatever its score. */
  confirmed?: boolean | undefined;
}

export interface NeedMatch {
  need: FItem;
  mine?: PairScore | undefined;
  network?: PairScore | undefined;
}

/**
 * For each open need of one person: my best offer and the best offer of someone else in my
 * network. A dismissed pair is never one of them; a confirmed pair is, whatever its score.
 */
export function matchNeeds(world: MatchWorld, personId: number, needs: readonly FItem[]): NeedMatch[] {
  return needs.map((need) => {
    const confirmed = (o: FItem): boolean => world.confirmed.has(pairKey(need.id, o.id));
    let mine: NeedMatch['mine'];
    for (const offer of world.myOffers) {
      if (world.dismissed.has(pairKey(need.id, offer.id))) continue;
      const c = confirmed(offer);
      // No key for my own offers: they are few and each may serve many kinds of need, so one
      // confirmed for one need does not yield elsewhere (feedback.ts, `claimed`).
      const score = world.score(need.f, offer.f);
      if (!mine || (c && !mine.confirmed) || (c === !!mine.confirmed && score > mine.score))
        mine = { offer, score, ...(c ? { confirmed: true } : {}) };
    }
    const theirs = (id: string): boolean => world.networkOffers.get(Number(id))?.personId !== personId;
    let network: NeedMatch['network'];
    for (const key of world.confirmed) {
      if (!key.startsWith(`${need.id}:`)) continue;
      const o = world.networkOffers.get(Number(key.slice(key.indexOf(':') + 1)));
      if (o && o.personId !== personId)
        network = { offer: o, score: world.score(need.f, o.f, String(o.id)), confirmed: true };
    }
    if (!network) {
      const hit = world.feedback.search(
        world.networkIndex,
        need.f,
        (id) => world.networkOffers.get(Number(id))?.f,
        {
          k: 1,
          filter: (id) => theirs(id) && !world.dismissed.has(pairKey(need.id, Number(id))),
        },
      )[0];
      const offer = hit ? world.networkOffers.get(Number(hit.id)) : undefined;
      if (hit && offer) network = { offer, score: hit.score };
    }
    return { need, mine, network };
  });
}

/** For each of my open needs and goals: the best of this person's offers (a confirmed one first, no dismissed one). */
export function matchTheirOffers(
  world: MatchWorld,
  offers: readonly FItem[],
): { need: FItem; offer: FItem; score: number; confirmed?: true }[] {
  const out: { need: FItem; offer: FItem; score: number; confirmed?: true }[] = [];
  for (const need of world.myNeeds) {
    let best: { need: FItem; offer: FItem; score: number; confirmed?: true } | undefined;
    for (const offer of offers) {
      const key = pairKey(need.id, offer.id);
      if (world.dismissed.has(key)) continue;
      const c = world.confirmed.has(key);
      const score = world.score(need.f, offer.f, String(offer.id));
      if (!best || (c && !best.confirmed) || (c === !!best.confirmed && score > best.score))
        best = { need, offer, score, ...(c ? { confirmed: true as const } : {}) };
    }
    if (best) out.push(best);
  }
  return out;
}
