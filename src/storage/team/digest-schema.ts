import { sql, type Kysely } from 'kysely';

/** The settings rows the digest schedule reads across accounts, and nothing else. */
export const digestScheduleKeys = [
  'digest.daily',
  'digest.hour',
  'private:digest.lastDone',
  'private:digest.retryAfter',
] as const;

/**
 * The daily digest in team mode (docs/decisions/0019-teams.md, "Background work"): the job that
 * runs once a minute across servers has no account, and the app role sees no account's settings
 * without one. `tend_digest_due(…)` is its one window: an ordinary (invoker) function whose
 * `SET tend.scope = 'digest'` switches on, while it runs, a SELECT-only policy on `settings` that
 * admits the four schedule rows of every account (`digestScheduleKeys`), no other row. It returns
 * account ids only, those due: `digest.daily` on, `digest.hour` reached, not done `today`, not
 * waiting out a failure's back-off; at most `lim`, after `after_id` (pages, in id order).
 *
 * Values are the JSON the settings table holds (`true`, `8`, `"2026-11-26"`). The partial index
 * keeps the scan to the accounts with `digest.daily` on (the default is off, so an account without
 * the row is never due).
 */
export async function digestSchedule(db: Kysely<unknown>, schema: string): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  const keys = digestScheduleKeys.map((k) => `'${k}'`).join(', ');
  await run(`CREATE POLICY settings_digest_schedule ON settings FOR SELECT
    USING (coalesce(current_setting('tend.scope', true), '') = 'digest' AND key IN (${keys}))`);
  await run(
    `CREATE INDEX settings_digest_daily ON settings (account_id) WHERE key = 'digest.daily' AND value = 'true'`,
  );
  // Walked in account order on that index, each candidate checked by its own rows, so a page stops
  // at `lim` due accounts. The planner would rather read every candidate in a bitmap and sort
  // (350 ms a page at 30,000 accounts against 4 to 20 ms), hence `enable_bitmapscan = off` here.
  await run(`CREATE FUNCTION tend_digest_due(today text, hour int, at timestamptz, default_hour int,
      after_id bigint, lim int)
    RETURNS SETOF bigint
    LANGUAGE sql STABLE SET search_path = "${schema.replace(/"/g, '""')}" SET tend.scope = 'digest'
    SET enable_bitmapscan = off AS $$
      SELECT d.account_id FROM settings d
      WHERE d.key = 'digest.daily' AND d.value = 'true' AND d.account_id > after_id
        AND coalesce((SELECT CASE WHEN h.value ~ '^[0-9]{1,2}$' THEN h.value::int END FROM settings h
                      WHERE h.account_id = d.account_id AND h.key = 'digest.hour'), default_hour) <= hour
        AND NOT EXISTS (SELECT FROM settings l WHERE l.account_id = d.account_id
                        AND l.key = 'private:digest.lastDone' AND l.value = to_jsonb(today)::text)
        AND NOT EXISTS (SELECT FROM settings r WHERE r.account_id = d.account_id
                        AND r.key = 'private:digest.retryAfter'
                        AND r.value ~ '^"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"$'
                        AND (r.value::jsonb #>> '{}')::timestamptz > at)
      ORDER BY d.account_id
      LIMIT lim
    $$`);
}
