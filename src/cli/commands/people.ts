import type { Command } from 'commander';
import { Option } from 'commander';
import { circles, sources, type Circle, type Source } from '../../core/types.js';
import { invalid } from '../../core/errors.js';
import { table } from '../output.js';
import { circleMark, summaryRow } from '../person-output.js';
import type { Runner } from '../runner.js';
import { registerFocus } from './focus.js';
import { registerCleanup } from './people-cleanup.js';
import { collect, examples, int, LIMIT } from './shared.js';
import { registerShow } from './show.js';

/** The flag of each person field (`personOptions` defines them): the one table both ways. */
const fieldFlags = {
  met: '--met',
  company: '--company',
  title: '--title',
  emails: '--email',
  phones: '--phone',
  linkedin: '--linkedin',
  birthday: '--birthday',
  notes: '--notes',
  tags: '--tag',
  cadenceDays: '--every',
  introducedBy: '--introduced-by',
} as const;

/** How validation problems name a field on the command line. */
const personFlags: Record<string, string> = { name: 'NAME', ...fieldFlags };

/** Commander's key for a flag: `--introduced-by` → `introducedBy`. */
const optionKey = (flag: string): string =>
  flag.slice(2).replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase());

function personOptions(cmd: Command): Command {
  return cmd
    .option('--met <text>', 'where or how you met')
    .option('--company <text>', 'company')
    .option('--title <text>', 'title or role')
    .option('--email <address>', 'email address (repeatable)', collect, [])
    .option('--phone <number>', 'phone number (repeatable)', collect, [])
    .option('--linkedin <url>', 'LinkedIn profile URL')
    .option('--birthday <date>', 'birthday, YYYY-MM-DD or --MM-DD')
    .option('--notes <text>', 'free notes')
    .option('--tag <tag>', 'tag (repeatable)', collect, [])
    .option('--every <days>', 'keep in touch every N days', int('--every'))
    .option('--introduced-by <person>', 'who introduced you');
}

// Use cases are imported inside each action: a command loads only what it runs. The people
// commands register in the order `tend --help` lists them: add, edit, people, fading, show, tag,
// merge, move, focus.
export function registerPeople(program: Command, r: Runner): void {
  personOptions(
    program
      .command('add')
      .description('add a person: only a name is needed; where you met is the best second fact')
      .argument('<name>', 'their name')
      .option('--focus', 'put them straight into your focus list')
      .option('--new', 'someone else with the name of a person you already have')
      .addOption(
        new Option('--circle <circle>', 'circle to add them to').choices(circles).default('network'),
      ),
  )
    .addHelpText(
      'after',
      examples(
        'tend add "Jonas Weber" --met "PGConf Berlin" --company Acme',
        'tend add Priya --tag fintech --focus',
        'tend add "Jonas Weber" --new --met "Fintech Forum"   # a second Jonas Weber',
      ),
    )
    .action(
      r.act(async (ctx, [name], o) => {
        const { addPerson } = await import('../../app/people.js');
        const { parse, personInput } = await import('../../app/validate.js');
        const input = parse(
          personInput,
          { ...personFields(o), name, circle: o.focus ? 'focus' : o.circle },
          'input',
          personFlags,
        );
        const { person, warnings } = await addPerson(ctx, input, { new: o.new === true });
        return {
          data: { person },
          warnings,
          human: (c) =>
            `Added ${c.bold(person.name)} ${c.dim(`#${person.id}`)} to ${circleMark(c, person.circle)}.`,
        };
      }),
    );

  personOptions(
    program
      .command('edit')
      .description('change what you know about a person')
      .argument('<person>', 'id or name'),
  )
    .option('--name <text>', 'new name')
    .addHelpText('after', examples('tend edit jonas --company "New Co" --every 30'))
    .action(
      r.act(async (ctx, [person], o) => {
        const { editPerson } = await import('../../app/people.js');
        const { parse, personPatch } = await import('../../app/validate.js');
        const patch = parse(
          personPatch,
          { ...personFields(o), ...(o.name !== undefined ? { name: o.name } : {}) },
          'input',
          personFlags,
        );
        const p = await editPerson(ctx, person ?? '', stripEmpty(patch));
        return { data: { person: p }, human: (c) => `Updated ${c.bold(p.name)}.` };
      }),
    );

  program
    .command('people')
    .description('list people, filtered and searched')
    .addOption(new Option('--circle <circle>', 'only this circle').choices(circles))
    .option('--search <text>', 'search names, companies, notes, needs and offers')
    .option('--tag <tag>', 'only people with this tag')
    .addOption(new Option('--source <source>', 'only people from this source').choices(sources))
    .option('--tool-only', 'only people you have never had a real conversation with')
    .option('--real', 'only people you have had a real conversation with')
    .option('--all', 'include archived people')
    .option('--recent', 'most recent contact first')
    .option('--limit <n>', 'how many', int('--limit', LIMIT), 50)
    .option('--offset <n>', 'skip the first N', int('--offset', { min: 0, max: 1_000_000 }), 0)
    .addHelpText(
      'after',
      examples(
        'tend people --circle focus',
        'tend people --search "postgres berlin"',
        'tend people --tool-only --tag fintech --json',
      ),
    )
    .action(
      r.act(async (ctx, _a, o) => {
        const { listPeople } = await import('../../app/people.js');
        const res = await listPeople(
          ctx,
          {
            circle: o.circle as Circle | undefined,
            search: o.search as string | undefined,
            tag: o.tag as string | undefined,
            source: o.source as Source | undefined,
            toolOnly: o.toolOnly ? true : o.real ? false : undefined,
            includeArchived: Boolean(o.all),
          },
          { limit: o.limit as number, offset: o.offset as number, order: o.recent ? 'recent' : 'name' },
        );
        return {
          data: { total: res.total, people: res.people },
          human: (c) =>
            res.people.length === 0
              ? 'No one matches.'
              : `${table(
                  res.people.map((s) => summaryRow(c, s)),
                  ['id', 'name', 'circle', 'role', 'str', 'last real'],
                  c,
                )}\n${c.dim(`${res.people.length} of ${res.total}`)}`,
        };
      }),
    );

  program
    .command('fading')
    .description(
      'who is fading: people you had real contact with whose strength fell, or whose keep-in-touch date passed',
    )
    .option('--limit <n>', 'how many', int('--limit', LIMIT), 20)
    .addHelpText('after', examples('tend fading', 'tend edit jonas --every 30   # keep in touch monthly'))
    .action(
      r.act(async (ctx, _a, o) => {
        const { fadingPeople } = await import('../../app/people.js');
        const list = await fadingPeople(ctx, o.limit as number);
        return {
          data: { people: list },
          human: (c) =>
            list.length === 0
              ? 'No one is fading.'
              : table(
                  list.map((f) => [
                    ...summaryRow(c, f),
                    f.keepInTouchOverdue !== undefined ? c.yellow(`${f.keepInTouchOverdue}d overdue`) : '',
                  ]),
                  ['id', 'name', 'circle', 'role', 'str', 'last real', 'keep in touch'],
                  c,
                ),
        };
      }),
    );
  registerShow(program, r);

  program
    .command('tag')
    .description('tag a person (or remove a tag)')
    .argument('<person>', 'id or name')
    .argument('<tags...>', 'one or more tags')
    .option('--remove', 'remove the tags instead')
    .addHelpText('after', examples('tend tag jonas fintech berlin', 'tend tag jonas berlin --remove'))
    .action(
      r.act(async (ctx, [person, ...tags], o) => {
        const { tagPerson } = await import('../../app/people.js');
        const { parse, personInput } = await import('../../app/validate.js');
        const clean = tags.map((t) => parse(personInput.shape.tags.unwrap().element, t, 'tag'));
        const p = await tagPerson(ctx, person ?? '', clean, Boolean(o.remove));
        return { data: { person: p }, human: (c) => `${c.bold(p.name)}: ${p.tags.join(', ') || 'no tags'}` };
      }),
    );
  registerCleanup(program, r);
  registerFocus(program, r);
}

/** The person fields given as flags, named as the use case names them. */
function personFields(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, flag] of Object.entries(fieldFlags)) {
    const value = o[optionKey(flag)];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

function stripEmpty<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    if (!(Array.isArray(v) && v.length === 0) && v !== undefined) out[k] = v;
  if (Object.keys(out).length === 0)
    throw invalid('nothing to change: give at least one option', [
      { path: 'options', message: 'none given' },
    ]);
  return out as T;
}
