import { DomainError, invalid } from '../core/errors.js';
import { settingsSchema } from '../core/settings-schema.js';
import { settingKeys } from '../core/settings.js';
import { echo } from '../core/text.js';
import { deleteOverride, writeOverride } from '../storage/repos/settings.js';
import { getPath, loadSettings, setPath, type AppContext } from './context.js';

export function getSetting(ctx: AppContext, key?: string): { key: string; value: unknown }[] {
  const keys = settingKeys(ctx.settings);
  if (key === undefined) return keys.map((k) => ({ key: k, value: getPath(ctx.settings, k) }));
  if (!keys.includes(key) && getPath(ctx.settings, key) === undefined)
    throw new DomainError('unknown_setting', `no setting "${echo(key)}"`, { key: echo(key) });
  return [{ key, value: getPath(ctx.settings, key) }];
}

/** `tend config set KEY VALUE`: the value is validated against the settings schema before it is stored. */
export async function setSetting(
  ctx: AppContext,
  key: string,
  raw: string | number | null,
): Promise<{ key: string; value: unknown }> {
  const keys = settingKeys(ctx.settings);
  if (!keys.includes(key))
    throw new DomainError('unknown_setting', `no setting "${echo(key)}"`, { key: echo(key) });
  const value = raw === null ? null : typeof raw === 'number' ? raw : coerce(raw);
  const next = structuredClone(ctx.settings) as Record<string, unknown>;
  if (value !== null) setPath(next, key, value);
  const parsed = settingsSchema.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${echo(key)}: ${issue?.message ?? 'invalid value'}`, [
      { path: echo(key), message: issue?.message ?? 'invalid' },
    ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (value === null) await deleteOverride(trx, key);
    else await writeOverride(trx, key, value);
  });
  ctx.settings = await loadSettings(ctx.db);
  return { key, value: getPath(ctx.settings, key) };
}

function coerce(raw: string): unknown {
  const t = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
}
