/**
 * Capture from files as whole processes of the CLI: `tend import mail` of a 20,000-message Gmail
 * Takeout mbox and `tend import calendar` of a 3,000-event Google/Outlook calendar
 * (bench/capture/generate.ts), into a database that knows half of the correspondents, and again
 * (the re-read, which changes nothing). The floors, measured in the same run as whole Node
 * processes: streaming the mailbox and splitting it into messages; reading the calendar and
 * unfolding its lines (bench/capture/floor-*.mjs). Goal (issue 14): ≤ 4× the floor, ≤ 200 MB.
 * Runs are interleaved so machine drift hits every figure alike; peak RSS via rss-hook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { changeMyEmails } from '../../src/app/capture-runs.js';
import { openApp } from '../../src/app/context.js';
import { insertPerson } from '../../src/storage/repos/people.js';
import { ME, calendar, contacts, mbox } from '../capture/generate.js';
import { median, percentile, timeProcess, type BenchContext, type Section } from '../lib/harness.js';

const MESSAGES = 20_000;
const EVENTS = 3_000;
const CONTACTS = 400;
const GOAL = { ratio: 4, rssMB: 200 } as const;

export const section: Section = {
  name: 'capture',
  order: 45,
  async run(ctx: BenchContext) {
    const dir = path.join(path.dirname(ctx.dbFile), 'capture');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const end = ctx.clock();
    const people = contacts(CONTACTS);
    const mailFile = path.join(dir, 'All mail Including Spam and Trash.mbox');
    const icsFile = path.join(dir, 'maya@example.com.ics');
    fs.writeFileSync(mailFile, mbox(MESSAGES, people, end));
    fs.writeFileSync(icsFile, calendar(EVENTS, people, end));

    // The database every run starts from: my address, and the first half of the people I meet.
    const template = path.join(dir, 'template.db');
    const app = await openApp({ db: template, clock: ctx.clock });
    await changeMyEmails(app, { add: [ME] });
    await app.db.transaction().execute(async (trx) => {
      for (const p of people.slice(0, CONTACTS / 2))
        await insertPerson(
          trx,
          {
            uid: `bench-${p.email}`,
            name: p.name,
            emails: [p.email],
            phones: [],
            urls: [],
            source: 'manual',
            circle: 'network',
          },
          [],
          end.toISOString(),
        );
    });
    await app.store.close();

    const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1', TEND_NOW: end.toISOString() };
    const node = process.execPath;
    let n = 0;
    const freshDb = (): string => {
      const f = path.join(dir, `run-${++n}.db`);
      for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });
      fs.copyFileSync(template, f);
      return f;
    };
    const floors = {
      mail: [node, path.join(ctx.root, 'bench/capture/floor-mail.mjs'), mailFile],
      calendar: [node, path.join(ctx.root, 'bench/capture/floor-calendar.mjs'), icsFile],
    } as const;
    const tend = (kind: 'mail' | 'calendar', db: string): string[] => [
      ctx.cli,
      'import',
      kind,
      kind === 'mail' ? mailFile : icsFile,
      '--db',
      db,
      '--json',
    ];
    const time = (args: readonly string[]): number =>
      timeProcess(node, args.slice(args[0] === node ? 1 : 0), env);

    const times = {
      mailFloor: [] as number[],
      calendarFloor: [] as number[],
      mail: [] as number[],
      mailAgain: [] as number[],
      calendar: [] as number[],
      calendarAgain: [] as number[],
    };
    // One unmeasured round warms the file cache.
    time(floors.mail);
    time(floors.calendar);
    time(tend('mail', freshDb()));
    time(tend('calendar', freshDb()));
    const runs = Math.max(3, Math.min(ctx.runs.process, 7));
    for (let i = 0; i < runs; i++) {
      times.mailFloor.push(time(floors.mail));
      times.calendarFloor.push(time(floors.calendar));
      const m = freshDb();
      times.mail.push(time(tend('mail', m)));
      times.mailAgain.push(time(tend('mail', m)));
      const c = freshDb();
      times.calendar.push(time(tend('calendar', c)));
      times.calendarAgain.push(time(tend('calendar', c)));
    }
    if (ctx.profileDir) {
      const prof = ctx.profileDir;
      timeProcess(
        node,
        [
          '--cpu-prof',
          '--cpu-prof-dir',
          prof,
          '--cpu-prof-name',
          'capture-mail.cpuprofile',
          ...tend('mail', freshDb()),
        ],
        env,
      );
      timeProcess(
        node,
        [
          '--cpu-prof',
          '--cpu-prof-dir',
          prof,
          '--cpu-prof-name',
          'capture-calendar.cpuprofile',
          ...tend('calendar', freshDb()),
        ],
        env,
      );
    }

    const hook = path.join(ctx.root, 'bench', 'rss-hook.mjs');
    const rssFile = path.join(dir, 'rss.txt');
    const rss = (args: readonly string[]): number => {
      fs.rmSync(rssFile, { force: true });
      timeProcess(node, ['--import', hook, ...args.slice(args[0] === node ? 1 : 0)], {
        ...env,
        TEND_BENCH_RSS_FILE: rssFile,
      });
      return Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    };
    const rssOf = {
      mailFloor: [] as number[],
      calendarFloor: [] as number[],
      mail: [] as number[],
      calendar: [] as number[],
    };
    for (let i = 0; i < 3; i++) {
      rssOf.mailFloor.push(rss(floors.mail));
      rssOf.calendarFloor.push(rss(floors.calendar));
      rssOf.mail.push(rss(tend('mail', freshDb())));
      rssOf.calendar.push(rss(tend('calendar', freshDb())));
    }

    const sizeMB = (f: string): string => `${(fs.statSync(f).size / 2 ** 20).toFixed(0)} MB`;
    const figure = (name: string, xs: number[], floor?: { name: string; median: number }, goal = true) =>
      ctx.record({
        name,
        unit: 'ms',
        runs: xs.length,
        median: median(xs),
        p90: percentile(xs, 90),
        ...(floor
          ? {
              floor,
              ...(goal
                ? { target: GOAL.ratio * floor.median, note: `target: ${GOAL.ratio}× the floor` }
                : {}),
            }
          : {}),
      });
    const mailFloor = { name: 'stream + split', median: median(times.mailFloor) };
    const calFloor = { name: 'read + unfold', median: median(times.calendarFloor) };
    figure(
      `${MESSAGES.toLocaleString('en-US')}-message mbox (${sizeMB(mailFile)}): stream and split into messages (floor)`,
      times.mailFloor,
    );
    const mail = figure(
      `tend import mail, ${MESSAGES.toLocaleString('en-US')} messages (process)`,
      times.mail,
      mailFloor,
    );
    figure('tend import mail again: the re-read (process)', times.mailAgain, mailFloor, false);
    figure(
      `${EVENTS.toLocaleString('en-US')}-event calendar (${sizeMB(icsFile)}): read and unfold (floor)`,
      times.calendarFloor,
    );
    const cal = figure(
      `tend import calendar, ${EVENTS.toLocaleString('en-US')} events (process)`,
      times.calendar,
      calFloor,
    );
    figure('tend import calendar again: the re-read (process)', times.calendarAgain, calFloor, false);
    const rssFigure = (name: string, xs: number[], floor: number[]) =>
      ctx.record({
        name,
        unit: 'MB',
        runs: xs.length,
        median: median(xs),
        p90: Math.max(...xs),
        target: GOAL.rssMB,
        floor: { name: 'floor', median: median(floor) },
      });
    const mailRss = rssFigure('max RSS tend import mail', rssOf.mail, rssOf.mailFloor);
    const calRss = rssFigure('max RSS tend import calendar', rssOf.calendar, rssOf.calendarFloor);
    ctx.detail('capture', {
      messages: MESSAGES,
      events: EVENTS,
      ratioMail: mail.median / mailFloor.median,
      ratioCalendar: cal.median / calFloor.median,
      rssMailMB: mailRss.median,
      rssCalendarMB: calRss.median,
      goal: GOAL,
    });
    ctx.note(
      `mail ${(mail.median / 1000).toFixed(2)} s vs floor ${(mailFloor.median / 1000).toFixed(2)} s = ${(mail.median / mailFloor.median).toFixed(1)}×, ${mailRss.median.toFixed(0)} MB; calendar ${(cal.median / 1000).toFixed(2)} s vs floor ${(calFloor.median / 1000).toFixed(2)} s = ${(cal.median / calFloor.median).toFixed(1)}×, ${calRss.median.toFixed(0)} MB (goal ≤ ${GOAL.ratio}×, ≤ ${GOAL.rssMB} MB)`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  },
};
