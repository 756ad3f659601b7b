import type { Command } from 'commander';
import { Option } from 'commander';
import type { PersonSummary } from '../../app/people.js';
import { circles, sources, type Circle, type Source } from '../../core/types.js';
import { invalid } from '../../core/errors.js';
import { bar, plural, table, type Colors } from '../output.js';
import type { Runner } from '../runner.js';
import { collect, examples, int } from './shared.js';

const personFlags: Record<string, string> = {
  name: 'NAME',
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
};

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

export const circleMark = (c: Colors, circle: Circle): string =>
  circle === 'focus'
    ? c.green('focus')
    : circle === 'network'
      ? c.cyan('network')
      : circle === 'pool'
        ? c.dim('pool')
        : c.dim('archived');

export function summaryRow(c: Colors, s: PersonSummary): string[] {
  return [
    c.dim(`#${s.person.id}`),
    s.person.name,
    circleMark(c, s.person.circle),
    [s.person.title, s.person.company].filter(Boolean).join(' at ') || c.dim('—'),
    `${Math.round(s.strength)}`.padStart(3),
    s.toolOnly ? c.yellow('tool-only') : (s.lastRealOn ?? ''),
  ];
}

// Use cases are imported inside each action: a command loads only what it runs.
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
    .option('--limit <n>', 'how many', int('--limit'), 50)
    .option('--offset <n>', 'skip the first N', int('--offset'), 0)
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
    .option('--limit <n>', 'how many', int('--limit'), 20)
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

  program
    .command('show')
    .description('everything about one person: strength, ledger, needs, offers, ways to help, timeline')
    .argument('<person>', 'id or name')
    .addHelpText('after', examples('tend show jonas', 'tend show 42 --json'))
    .action(
      r.act(async (ctx, [person]) => {
        const { showPerson } = await import('../../app/people.js');
        const p = await showPerson(ctx, person ?? '');
        return {
          data: p,
          human: (c) => {
            const lines = [
              `${c.bold(p.person.name)} ${c.dim(`#${p.person.id}`)}  ${circleMark(c, p.person.circle)}${p.toolOnly ? `  ${c.yellow('tool-only')}` : ''}`,
              [p.person.title, p.person.company].filter(Boolean).join(' at '),
              p.person.met ? `met: ${p.person.met}` : '',
              p.introducedBy ? `introduced by ${p.introducedBy.name}` : '',
              `strength ${bar(p.strength, 100, 20)} ${Math.round(p.strength)}   balance ${fmtBalance(c, p.balance)}  (gave ${p.ledger.gave}, asked ${p.ledger.asked}, received ${p.ledger.received})`,
              `fit ${p.fit.fit.toFixed(2)}  help out ${p.fit.helpOut.toFixed(2)}  help in ${p.fit.helpIn.toFixed(2)}${p.fit.reach ? `  ${c.red('reach')}: find people who benefit from what you know` : ''}`,
              p.keepInTouchOverdue !== undefined
                ? c.yellow(`keep in touch: ${p.keepInTouchOverdue} days overdue`)
                : '',
              p.person.emails.length > 0 ? `email ${p.person.emails.join(', ')}` : '',
              p.person.phones.length > 0 ? `phone ${p.person.phones.join(', ')}` : '',
              p.person.linkedin ?? '',
              p.person.tags.length > 0 ? `tags ${p.person.tags.join(', ')}` : '',
              p.person.notes ? `notes ${p.person.notes}` : '',
              '',
              c.bold('Needs'),
              ...(p.needs.length > 0
                ? p.needs.map(
                    (n) =>
                      `  ${c.dim(`#${n.id}`)} ${n.text}${n.status !== 'open' ? c.dim(` (${n.status})`) : ''}`,
                  )
                : [c.dim('  none known: ask what could help them')]),
              c.bold('Offers'),
              ...(p.offers.length > 0
                ? p.offers.map(
                    (n) =>
                      `  ${c.dim(`#${n.id}`)} ${n.text}${n.status !== 'open' ? c.dim(` (${n.status})`) : ''}`,
                  )
                : [c.dim('  none known')]),
              c.bold('Ways to help'),
              ...(p.waysToHelp.length > 0
                ? p.waysToHelp.slice(0, 5).map((g) => `  • ${g.text}`)
                : [c.dim('  no match yet')]),
              ...(p.theyCouldHelp.length > 0
                ? [
                    c.bold('They could help you'),
                    ...p.theyCouldHelp.map((t) => `  • "${t.offer}" for your "${t.need}"`),
                  ]
                : []),
              ...(p.promises.filter((x) => x.status === 'open').length > 0
                ? [
                    c.bold('Promises'),
                    ...p.promises
                      .filter((x) => x.status === 'open')
                      .map((x) => `  ${c.dim(`#${x.id}`)} ${x.text} (due ${x.due})`),
                  ]
                : []),
              c.bold('Timeline'),
              ...(p.timeline.length > 0
                ? p.timeline
                    .slice(0, 15)
                    .map(
                      (i) =>
                        `  ${i.date}  ${i.channel.padEnd(9)} ${i.nature.padEnd(8)} ${i.kind ?? ''}${i.note ? ` ${c.dim(i.note)}` : ''}${i.unearned ? c.yellow(' unearned') : ''}`,
                    )
                : [c.dim('  nothing logged yet')]),
            ];
            return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
          },
        };
      }),
    );

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

  program
    .command('merge')
    .description('merge person B into person A: nothing is lost')
    .argument('<a>', 'the person to keep')
    .argument('<b>', 'the duplicate to merge into A')
    .addHelpText('after', examples('tend merge "Jonas Weber" 1234'))
    .action(
      r.act(async (ctx, [a, b]) => {
        const { mergePeople } = await import('../../app/people-cleanup.js');
        const p = await mergePeople(ctx, a ?? '', b ?? '');
        return { data: { person: p }, human: (c) => `Merged into ${c.bold(p.name)} ${c.dim(`#${p.id}`)}.` };
      }),
    );

  program
    .command('move')
    .description('move people between circles in bulk, by filter or by name')
    .argument('[people...]', 'people to move (ids or names)')
    .addOption(new Option('--circle <circle>', 'where to move them').choices(circles).makeOptionMandatory())
    .option('--tag <tag>', 'people with this tag')
    .addOption(new Option('--from <circle>', 'people now in this circle').choices(circles))
    .addOption(new Option('--source <source>', 'people from this source').choices(sources))
    .option('--search <text>', 'people matching this search')
    .option('--tool-only', 'only people you never had a real conversation with')
    .option('--dry-run', 'say who would move, move no one')
    .addHelpText(
      'after',
      examples(
        'tend move --circle network --tag fintech --from pool',
        'tend move --circle archived --source linkedin --tool-only --dry-run',
      ),
    )
    .action(
      r.act(async (ctx, people, o) => {
        const { movePeople } = await import('../../app/people-cleanup.js');
        const res = await movePeople(
          ctx,
          o.circle as Circle,
          {
            tag: o.tag as string | undefined,
            from: o.from as Circle | undefined,
            source: o.source as Source | undefined,
            search: o.search as string | undefined,
            toolOnly: o.toolOnly ? true : undefined,
            people,
          },
          Boolean(o.dryRun),
        );
        return {
          data: { ...res, dryRun: Boolean(o.dryRun), circle: o.circle },
          human: () =>
            `${o.dryRun ? 'Would move' : 'Moved'} ${plural(res.moved, 'person', 'people')} to ${String(o.circle)}.`,
        };
      }),
    );

  const focus = program
    .command('focus')
    .description(`your focus list: a few people you can really help, with a hard cap`)
    .addHelpText('after', examples('tend focus', 'tend focus add jonas', 'tend focus remove ben'))
    .action(
      r.act(async (ctx) => {
        const { listFocus } = await import('../../app/focus.js');
        const f = await listFocus(ctx);
        return {
          data: f,
          human: (c) =>
            `${c.bold(`Focus ${f.people.length}/${f.cap}`)} ${bar(f.people.length, f.cap, 20)}\n` +
            (f.people.length === 0
              ? c.dim('empty: `tend focus add PERSON` for someone you can really help')
              : table(
                  f.people.map((p) => [
                    c.dim(`#${p.person.id}`),
                    p.person.name,
                    p.fit.fit.toFixed(2),
                    p.fit.helpOut.toFixed(2),
                    p.fit.helpIn.toFixed(2),
                    `${Math.round(p.strength)}`,
                    [
                      p.fit.reach ? c.red('reach') : '',
                      p.fit.needsUnknown ? c.yellow('needs unknown') : '',
                      p.toolOnly ? c.yellow('tool-only') : '',
                    ]
                      .filter(Boolean)
                      .join(' '),
                  ]),
                  ['id', 'name', 'fit', 'out', 'in', 'str', 'flags'],
                  c,
                )),
        };
      }),
    );
  focus
    .command('add')
    .description('add someone to focus (refused when the list is full: trade someone out)')
    .argument('<person>', 'id or name')
    .action(
      r.act(async (ctx, [person]) => {
        const { setFocus } = await import('../../app/focus.js');
        const p = await setFocus(ctx, person ?? '', true);
        return { data: { person: p }, human: (c) => `${c.bold(p.name)} is in your focus list.` };
      }),
    );
  focus
    .command('remove')
    .description('move someone out of focus, back to the network')
    .argument('<person>', 'id or name')
    .action(
      r.act(async (ctx, [person]) => {
        const { setFocus } = await import('../../app/focus.js');
        const p = await setFocus(ctx, person ?? '', false);
        return { data: { person: p }, human: (c) => `${c.bold(p.name)} moved back to the network.` };
      }),
    );
}

function personFields(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const copy = (from: string, to: string): void => {
    if (o[from] !== undefined) out[to] = o[from];
  };
  copy('met', 'met');
  copy('company', 'company');
  copy('title', 'title');
  copy('email', 'emails');
  copy('phone', 'phones');
  copy('linkedin', 'linkedin');
  copy('birthday', 'birthday');
  copy('notes', 'notes');
  copy('tag', 'tags');
  copy('every', 'cadenceDays');
  copy('introducedBy', 'introducedBy');
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

export function fmtBalance(c: Colors, b: number): string {
  const s = b > 0 ? `+${b}` : `${b}`;
  return b < 0 ? c.red(s) : b > 0 ? c.green(s) : s;
}
