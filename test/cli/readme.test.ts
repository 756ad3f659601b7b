import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tendBin } from '../helpers/cli.js';

/**
 * The README's first five minutes, run verbatim: every ```sh block (except those marked
 * `<!-- readme-test: skip -->`) is split into commands, and each `tend …` command runs with the
 * built CLI on a fresh SQLite database with a pinned clock. A comment `(exit N)` on a command's
 * line states its expected exit code; every other command must succeed.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const now = '2026-03-14T09:00:00Z';

interface Command {
  /** The line as a reader sees it (continued lines joined, comment removed). */
  source: string;
  args: string[];
  expectedExit: number;
}

interface Block {
  /** 1-based README line of the opening fence. */
  line: number;
  skipped: boolean;
  commands: Command[];
}

/** The ```sh blocks of a Markdown text, with the skip marker on the line before the fence. */
function shBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```sh') continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]?.trim() !== '```'; i++) body.push(lines[i] ?? '');
    const before = lines
      .slice(0, start)
      .reverse()
      .find((l) => l.trim() !== '');
    const skipped = /<!--\s*readme-test:\s*skip\b/.test(before ?? '');
    blocks.push({ line: start + 1, skipped, commands: commandsOf(body) });
  }
  return blocks;
}

/**
 * Joins lines continued with a trailing backslash, drops comments (keeping the `(exit N)` they
 * state), and splits `a && b` into two commands.
 */
function commandsOf(body: string[]): Command[] {
  const out: Command[] = [];
  let pending = '';
  for (const raw of body) {
    const { code, comment, continued } = splitLine(raw);
    pending += code;
    const exit = /\(exit (\d+)\)/.exec(comment);
    if (continued) {
      pending += ' ';
      if (exit) throw new Error(`an (exit N) comment on a continued line: ${raw}`);
      continue;
    }
    if (pending.trim() === '') {
      // A comment-only line continues the previous command's comment; an exit code there would be
      // ambiguous.
      if (exit) throw new Error(`an (exit N) comment on a line of its own: ${raw}`);
      continue;
    }
    const parts = splitAnd(pending);
    parts.forEach((words, i) =>
      out.push({
        source: words.join(' '),
        args: words,
        // A stated exit code belongs to the last command of the line (a && b stops at the first failure).
        expectedExit: i === parts.length - 1 && exit ? Number(exit[1]) : 0,
      }),
    );
    pending = '';
  }
  if (pending.trim() !== '') throw new Error(`a README block ends inside a continued line: ${pending}`);
  return out;
}

/** Splits one line into its code and its comment, aware of quotes; notes a trailing backslash. */
function splitLine(line: string): { code: string; comment: string; continued: boolean } {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return { code: line.slice(0, i).trimEnd(), comment: line.slice(i), continued: false };
    }
  }
  if (quote) throw new Error(`an unclosed quote in the README: ${line}`);
  const trimmed = line.trimEnd();
  return trimmed.endsWith('\\')
    ? { code: trimmed.slice(0, -1), comment: '', continued: true }
    : { code: trimmed, comment: '', continued: false };
}

/** Shell words (single and double quotes, no expansion), commands split on `&&`. */
function splitAnd(code: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  let quote: string | undefined;
  const push = (): void => {
    if (word !== undefined) commands.at(-1)?.push(word);
    word = undefined;
  };
  for (let i = 0; i < code.length; i++) {
    const ch = code[i] ?? '';
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && /["\\$`]/.test(code[i + 1] ?? ''))
        word = (word ?? '') + (code[++i] ?? '');
      else word = (word ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) push();
    else if (ch === '&' && code[i + 1] === '&') {
      push();
      commands.push([]);
      i++;
    } else if (/[|;<>$`]/.test(ch)) throw new Error(`shell syntax the README test does not run: ${code}`);
    else word = (word ?? '') + ch;
  }
  push();
  return commands.filter((c) => c.length > 0);
}

/** A small LinkedIn export like the one the README imports: the preamble, the header, five people. */
const connectionsCsv = [
  '\uFEFFNotes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Anna,Müller,https://www.linkedin.com/in/anna-mueller-4b1a2c3/,,Siemens AG,Senior Product Manager,03 Jan 2023',
  'José,García López,https://www.linkedin.com/in/jose-garcia-lopez,jose.garcia@example.com,"Acme, Inc.",Head of Partnerships,15 Feb 2022',
  'Mei,Tanaka,https://www.linkedin.com/in/mei-tanaka,,Lumen Pay,Data Engineer,28 Nov 2024',
  'Tobias,Richter,https://www.linkedin.com/in/tobias-richter-88,,Northwind Analytics,CTO,07 Jul 2021',
  'Sofia,Rossi,https://www.linkedin.com/in/sofiarossi,sofia@rossi.example,,Freelance Data Consultant,12 Mar 2025',
  '',
].join('\r\n');

interface Ran extends Command {
  code: number;
  stdout: string;
  stderr: string;
}

function runBlock(block: Block): Ran[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-readme-'));
  fs.writeFileSync(path.join(dir, 'Connections.csv'), connectionsCsv);
  const db = path.join(dir, 'tend.db');
  const ran: Ran[] = [];
  for (const cmd of block.commands) {
    assert.equal(cmd.args[0], 'tend', `README line ${block.line}: not a tend command: ${cmd.source}`);
    const r = spawnSync(process.execPath, [tendBin, ...cmd.args.slice(1)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TEND_DB: db, TEND_NOW: now, NO_COLOR: '1', TZ: 'UTC' },
      timeout: 60_000,
    });
    ran.push({ ...cmd, code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
  }
  return ran;
}

const blocks = shBlocks(readme);

describe('the README, run verbatim on a fresh database', () => {
  test('it has a runnable first-five-minutes block, and the install block is marked skipped', () => {
    const runnable = blocks.filter((b) => !b.skipped);
    assert.ok(runnable.length >= 1, 'no runnable ```sh block in README.md');
    assert.ok(blocks.some((b) => b.skipped && b.commands.some((c) => c.args[0] === 'npm')));
    const first = runnable[0]?.commands ?? [];
    assert.ok(first.length >= 10, `only ${first.length} commands found`);
    assert.ok(
      first.some((c) => c.expectedExit === 3),
      'the refused ask states (exit 3)',
    );
  });

  for (const block of blocks.filter((b) => !b.skipped)) {
    test(`block at README line ${block.line}: every command exits as the README says`, () => {
      const ran = runBlock(block);
      for (const r of ran)
        assert.equal(
          r.code,
          r.expectedExit,
          `${r.source}\n→ exit ${r.code}, README says ${r.expectedExit}\n${r.stderr}${r.stdout}`,
        );
      for (const r of ran)
        assert.doesNotMatch(r.stderr, /unexpected failure|\n\s+at /, `${r.source} printed a stack`);

      // What the story promises a reader, from each command's actual output.
      const out = (prefix: string, nth = 0): Ran => {
        const hit = ran.filter((r) => r.source.startsWith(prefix))[nth];
        assert.ok(hit, `the README no longer runs "${prefix}"`);
        return hit;
      };
      assert.match(out('tend init').stdout, /Postgres performance tuning/);
      assert.match(out('tend add Jonas Weber').stdout, /Added Jonas Weber #1/);
      assert.doesNotMatch(out('tend add Jonas Weber').stderr, /warning/);
      assert.match(
        out('tend today').stdout,
        /Jonas Weber needs "a Postgres expert to review our slow queries": offer "Postgres performance tuning"/,
      );
      const refused = out('tend ask carla');
      assert.match(refused.stderr, /never given anything to Carla Reyes/);
      assert.equal((refused.stderr.match(/^ {2}• /gm) ?? []).length, 3, refused.stderr);
      assert.match(refused.stderr, /intros to Berlin data engineers/);
      assert.match(out('tend give carla').stdout, /Gave to Carla Reyes\. Balance \+3\./);
      assert.match(out('tend event met').stdout, /Ben Ortiz/);
      assert.match(out('tend promise jonas').stdout, /due 2026-03-20/);
      assert.match(out('tend ask carla', 1).stdout, /Asked Carla Reyes\. Balance 0\./);
      assert.match(out('tend review').stdout, /1 gives?, 1 asks?/);
      assert.match(out('tend import linkedin').stdout, /5 records; 5 new, 0 merged/);
    });
  }
});

describe('the README block reader', () => {
  test('continued lines, comments, quotes, && and stated exit codes', () => {
    const [b] = shBlocks(
      [
        '<!-- readme-test: skip -->',
        '```sh',
        'npm ci',
        '```',
        '```sh',
        'tend init --offer "a # not a comment" \\',
        "   --need 'it''s'   # a comment",
        'tend ask x "y"   # refused (exit 3)',
        '                 # more words',
        'tend a "b c" && tend d',
        '```',
      ].join('\n'),
    ).slice(1);
    assert.ok(b);
    assert.deepEqual(
      b.commands.map((c) => [c.args, c.expectedExit]),
      [
        [['tend', 'init', '--offer', 'a # not a comment', '--need', 'its'], 0],
        [['tend', 'ask', 'x', 'y'], 3],
        [['tend', 'a', 'b c'], 0],
        [['tend', 'd'], 0],
      ],
    );
  });

  test('shell syntax it cannot run verbatim is an error, not a silent skip', () => {
    assert.throws(() => shBlocks('```sh\ntend people | head\n```'), /does not run/);
    assert.throws(() => shBlocks('```sh\ntend add "Jonas\n```'), /unclosed quote/);
  });
});
