import type { CaptureKind, Channel } from '../../core/types.js';
import type { Db } from '../db.js';
import { BulkWriter } from './bulk.js';
import type { NewCapture } from './capture.js';
import { interactionColumns } from './interactions.js';

/**
 * Captured interactions (a `touch` with one person each) in multi-row INSERTs: a calendar or a
 * mailbox adds thousands, and one statement per interaction was most of an import's time.
 * Answers their ids in the rows' order; `insertCaptures` links them to their people.
 */
export async function insertCapturedInteractions(
  db: Db,
  rows: readonly { date: string; channel: Channel; source: CaptureKind }[],
  now: string,
): Promise<number[]> {
  if (rows.length === 0) return [];
  return new BulkWriter(db).insert(
    'interactions',
    interactionColumns,
    rows.map((r) => [r.date, r.channel, 'touch', null, null, 0, null, now, null, r.source]),
    { returningId: true },
  );
}

/** Captures whose interactions are not written yet: written in one go, then linked in order. */
export async function withInteractions(
  db: Db,
  pending: readonly Omit<NewCapture, 'interactionId'>[],
  now: string,
): Promise<NewCapture[]> {
  const ids = await insertCapturedInteractions(
    db,
    pending.map((c) => ({ date: c.date, channel: c.channel, source: c.kind })),
    now,
  );
  return pending.map((c, i) => ({ ...c, interactionId: ids[i] ?? 0 }));
}
