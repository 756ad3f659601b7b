import { z } from 'zod';
import { parseDay } from '../core/date-text.js';
import { dayOf, interactionDayCheck } from '../core/dates.js';
import { DomainError, invalid } from '../core/errors.js';
import { canonicalLinkedIn } from '../core/linkedin.js';
import { cleanName, contactLimits, echo, limits, unicodeProblem, stripInvisible } from '../core/text.js';
import { allKinds, channels, circles, natures, sources, type Day } from '../core/types.js';

/**
 * Input schemas shared by the CLI and the HTTP API: one validation at the edge, every problem
 * collected with its path, typed values out.
 */
const clean = (s: string): string => stripInvisible(s).normalize('NFC').trim();
const noFffd = (s: string, ctx: z.RefinementCtx): void => {
  const bad = unicodeProblem(s);
  if (bad !== undefined) ctx.addIssue({ code: 'custom', message: bad, fatal: true });
};
const utf8 = () => z.string().superRefine(noFffd);

export const text = (max: number) =>
  utf8()
    .transform(clean)
    .pipe(z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`));
export const optText = (max: number) =>
  utf8()
    .transform(clean)
    .pipe(z.string().max(max, `at most ${max} characters`))
    .transform((s) => (s === '' ? undefined : s))
    .optional();
/** One-line text (company, title, tag, place…): line breaks and tabs become single spaces. */
export const lineText = (max: number) =>
  utf8()
    .transform((s) => clean(s).replace(/\s+/g, ' '))
    .pipe(z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`));
export const optLineText = (max: number) =>
  utf8()
    .transform((s) => clean(s).replace(/\s+/g, ' '))
    .pipe(z.string().max(max, `at most ${max} characters`))
    .transform((s) => (s === '' ? undefined : s))
    .optional();
/** A person's name: see `cleanName` (a line break, a tab or nothing visible is refused). */
export const nameText = z
  .string()
  .transform((s, ctx) => {
    const r = cleanName(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.problem });
      return z.NEVER;
    }
    return r.name;
  })
  .pipe(z.string().max(limits.name, `at most ${limits.name} characters`));
/**
 * A reference to someone (an id or a name prefix), a search term or a filter: bounded before any
 * query is built from it (a 100 KB argument must not reach the database).
 */
export const refText = (max: number = limits.name) =>
  utf8()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`));

const email = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(
    z
      .string()
      .max(contactLimits.email, `at most ${contactLimits.email} characters`)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'is not an email address'),
  );
const phone = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(3)
      .max(contactLimits.phone, `at most ${contactLimits.phone} characters`)
      .regex(/^[+()\d\s./-]+(?:\s*(?:x|ext\.?)\s*\d+)?$/i, 'is not a phone number'),
  );
const linkedin = utf8()
  .max(contactLimits.url, `at most ${contactLimits.url} characters`)
  .transform((s, ctx) => {
    const url = canonicalLinkedIn(s);
    if (url === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'is not a LinkedIn profile URL (https://www.linkedin.com/in/…)',
      });
      return z.NEVER;
    }
    return url;
  });
const birthday = z
  .string()
  .trim()
  .regex(/^(\d{4}|-)-\d{2}-\d{2}$/, 'must be YYYY-MM-DD or --MM-DD');
const tag = lineText(limits.shortText).refine((t) => !/[,]/.test(t), 'must not contain a comma');

/** A date as typed: ISO or natural; converted with the clock by `toDay`. */
export const dateText = utf8().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

export const personInput = z.object({
  name: nameText,
  met: optLineText(limits.shortText),
  company: optLineText(limits.shortText),
  title: optLineText(limits.shortText),
  emails: z.array(email).max(20).default([]),
  phones: z.array(phone).max(20).default([]),
  linkedin: linkedin.optional(),
  birthday: birthday.optional(),
  notes: optText(limits.notes),
  tags: z.array(tag).max(50).default([]),
  circle: z.enum(circles).optional(),
  source: z.enum(sources).optional(),
  cadenceDays: z.number().int().min(1).max(3650).optional(),
  introducedBy: refText().optional(),
});
export type PersonInput = z.output<typeof personInput>;
/**
 * A change to a person. `null` empties a field (the web app's cleared input); an empty list of
 * emails or phones empties that list. Tags are only added here (`tend tag` removes them).
 */
export const personPatch = personInput.partial().extend({
  met: optLineText(limits.shortText).nullable(),
  company: optLineText(limits.shortText).nullable(),
  title: optLineText(limits.shortText).nullable(),
  emails: z.array(email).max(20).optional(),
  phones: z.array(phone).max(20).optional(),
  linkedin: linkedin.nullable().optional(),
  birthday: birthday.nullable().optional(),
  notes: optText(limits.notes).nullable(),
  cadenceDays: z.number().int().min(1).max(3650).nullable().optional(),
  tags: z.array(tag).max(50).optional(),
});
export type PersonPatch = z.output<typeof personPatch>;

export const itemText = text(limits.text);
export const channel = z.enum(channels, { error: () => `must be one of ${channels.join(', ')}` });
export const nature = z.enum(natures, { error: () => `must be one of ${natures.join(', ')}` });
export const kind = z.enum(allKinds as [string, ...string[]], {
  error: () => `must be one of ${allKinds.join(', ')}`,
});

export const logInput = z.object({
  people: z.array(refText()).min(1, 'name at least one person').max(100),
  channel,
  nature,
  kind: kind.optional(),
  note: optText(limits.text),
  date: dateText.optional(),
});
export type LogInput = z.output<typeof logInput>;

export const giveInput = z.object({
  person: refText(),
  text: text(limits.text),
  kind: kind.optional(),
  channel: channel.optional(),
  date: dateText.optional(),
});
export type GiveInput = z.output<typeof giveInput>;
export const askInput = giveInput.extend({ anyway: z.boolean().default(false) });
export type AskInput = z.output<typeof askInput>;

export const promiseInput = z.object({
  person: refText(),
  text: text(limits.text),
  due: dateText,
});
export type PromiseInput = z.output<typeof promiseInput>;

/** Validates, collecting every problem with its path; throws `invalid_input` naming them. */
export function parse<S extends z.ZodType>(
  schema: S,
  data: unknown,
  what = 'input',
  names: Record<string, string> = {},
): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => {
    const path = i.path.map(String).join('.') || what;
    const head = i.path[0] !== undefined ? String(i.path[0]) : undefined;
    const shown =
      head !== undefined && names[head] !== undefined
        ? [names[head], ...i.path.slice(1).map(String)].join('.')
        : path;
    return { path: shown, message: i.message };
  });
  throw invalid(problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);
}

/** A typed date ("friday", "2026-03-01", "in 2 weeks") to an ISO day, or a clear error naming the field. */
export function toDay(value: string | undefined, now: Date, field: string, fallback?: Day): Day {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw invalid(`${field} is missing`, [{ path: field, message: 'is required' }]);
  }
  const day = parseDay(value, now);
  if (day === undefined)
    throw new DomainError(
      'invalid_date',
      `${field} "${echo(value)}" is not a date I can read (try 2026-03-14, today, friday, in 2 weeks)`,
      {
        problems: [{ path: field, message: 'not a date' }],
      },
    );
  return day;
}

/**
 * The day of an interaction (log, give, ask, an outcome): a typed date as `toDay` reads it,
 * refused when more than `maxFutureDays` ahead (it would pin the last contact there), with a
 * warning when it lies before 1900 or more than a hundred years back.
 */
export function interactionDay(
  value: string | undefined,
  now: Date,
  maxFutureDays: number,
  field = 'date',
): { day: Day; warnings: { code: string; message: string }[] } {
  const today = dayOf(now);
  const day = toDay(value, now, field, today);
  const check = interactionDayCheck(day, today, maxFutureDays);
  if (check.verdict === 'future')
    throw new DomainError(
      'invalid_date',
      `${field} ${day} is in the future: an interaction can be dated at most ${maxFutureDays} day${maxFutureDays === 1 ? '' : 's'} ahead (until ${check.latest}; setting maxFutureDays)`,
      { problems: [{ path: field, message: `after ${check.latest}` }] },
    );
  const warnings =
    check.verdict === 'distant_past'
      ? [
          {
            code: 'distant_past',
            message: `${field} ${day} is more than a hundred years ago: check it is not a typo`,
          },
        ]
      : [];
  return { day, warnings };
}
