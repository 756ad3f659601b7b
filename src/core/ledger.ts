import type { Settings } from './settings.js';
import type { Kind, Nature } from './types.js';

/** What the ledger needs of an interaction with one person. */
export interface LedgerEntry {
  nature: Nature;
  kind?: Kind | undefined;
}

/**
 * Ledger weights are kept in hundredths so sums of halves and quarters never drift.
 * @example weightOf({ nature: 'gave', kind: 'intro' }, defaultSettings) === 300
 */
export function weightOf(e: LedgerEntry, s: Pick<Settings, 'weights' | 'defaultWeight'>): number {
  const w =
    e.kind !== undefined
      ? ((s.weights as Partial<Record<Kind, number>>)[e.kind] ?? s.defaultWeight)
      : s.defaultWeight;
  return Math.round(w * 100);
}

export interface Ledger {
  gave: number;
  asked: number;
  received: number;
  /** gave − asked − received, in weight units (not hundredths). */
  balance: number;
  gaveCount: number;
  askedCount: number;
  receivedCount: number;
}

/**
 * Balance = Σ weights of my gives − Σ of my asks − Σ of what I received (DESIGN.md, The engine).
 * Touches carry no weight.
 */
export function ledgerOf(
  entries: readonly LedgerEntry[],
  s: Pick<Settings, 'weights' | 'defaultWeight'>,
): Ledger {
  let gave = 0;
  let asked = 0;
  let received = 0;
  let gaveCount = 0;
  let askedCount = 0;
  let receivedCount = 0;
  for (const e of entries) {
    const w = weightOf(e, s);
    if (e.nature === 'gave') {
      gave += w;
      gaveCount++;
    } else if (e.nature === 'asked') {
      asked += w;
      askedCount++;
    } else if (e.nature === 'received') {
      received += w;
      receivedCount++;
    }
  }
  return {
    gave: gave / 100,
    asked: asked / 100,
    received: received / 100,
    balance: (gave - asked - received) / 100,
    gaveCount,
    askedCount,
    receivedCount,
  };
}

export type AskDecision =
  | { verdict: 'refuse'; reason: 'never_given'; balance: number }
  | { verdict: 'warn'; reason: 'overdrawn'; balance: number }
  | { verdict: 'allow'; balance: number };

/**
 * The ask guard: asking someone I have never given to is refused; asking with a negative
 * balance warns; a zero or positive balance is allowed.
 * @example judgeAsk([], s).verdict === 'refuse'
 */
export function judgeAsk(
  entries: readonly LedgerEntry[],
  s: Pick<Settings, 'weights' | 'defaultWeight'>,
): AskDecision {
  const ledger = ledgerOf(entries, s);
  if (ledger.gaveCount === 0) return { verdict: 'refuse', reason: 'never_given', balance: ledger.balance };
  if (ledger.balance < 0) return { verdict: 'warn', reason: 'overdrawn', balance: ledger.balance };
  return { verdict: 'allow', balance: ledger.balance };
}
