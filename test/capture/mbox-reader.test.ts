import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readMbox, type MboxItem } from '../../src/formats/mbox/read.js';

/**
 * The mbox reader as a mailbox streams in: the same messages, header values and line numbers
 * however the file is cut into chunks (a separator, a header block or a CRLF split between two
 * reads), and damaged messages named by the line of their `From ` separator.
 */

function chunked(bytes: Buffer, size: number): AsyncIterable<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(Uint8Array.from(bytes.subarray(i, i + size)));
  return Readable.from(parts) as AsyncIterable<Uint8Array>;
}

/** Each item as one line of text: `index@line header=value|…` or `index@line damaged: message`. */
async function read(bytes: Buffer, size: number): Promise<string[]> {
  const out: string[] = [];
  for await (const item of readMbox(chunked(bytes, size))) out.push(show(item));
  return out;
}

function show(item: MboxItem): string {
  if (item.kind === 'damaged')
    return `${item.damage.index}@${item.damage.line} damaged: ${item.damage.message}`;
  const m = item.message;
  return `${m.index}@${m.line} ${[...m.headers].map(([k, v]) => `${k}=${v.join('|')}`).join(' ')}`;
}

const SIZES = [1, 2, 3, 5, 7, 64, 4096, 1 << 20];

test('messages, unfolded headers and separator lines are the same whatever the chunks', async () => {
  const mbox = Buffer.concat([
    Buffer.from('\n'),
    Buffer.from('From jonas Mon Nov 16 10:00:00 2026\n'),
    Buffer.from('From: Jonas Weber <jonas@example.org>\nTo: maya@example.com,\n\tlars@example.com\n'),
    Buffer.from('Subject: plan\n\nFromage is cheese.\n>From me too\nFrom\n\n'),
    // CRLF, a raw UTF-8 name, and a Windows-1252 one an old mailer wrote.
    Buffer.from('From anna Tue Nov 17 09:00:00 2026\r\nFrom: Anna Müller <anna@example.de>\r\n'),
    Buffer.from([...Buffer.from('Cc: J'), 0xfc, ...Buffer.from('rgen <j@example.de>\r\n\r\nHallo\r\n')]),
    // Headers with no blank line after them: the next separator starts a message all the same.
    Buffer.from('From lars Wed Nov 18 08:00:00 2026\nFrom: lars@example.com\n'),
    Buffer.from('From priya Thu Nov 19 08:00:00 2026\nFrom: priya@example.net\nX-Empty:\n\n'),
    // Cut short inside its headers, with no final line feed.
    Buffer.from('body\nFrom sofia Fri Nov 20 08:00:00 2026\nFrom: sofia@startup.example\nTo: ma'),
  ]);
  const want = [
    '1@2 from=Jonas Weber <jonas@example.org> to=maya@example.com, lars@example.com subject=plan',
    '2@12 from=Anna Müller <anna@example.de> cc=Jürgen <j@example.de>',
    '3@17 damaged: its headers have no end (no blank line)',
    '4@19 from=priya@example.net x-empty=',
    '5@24 damaged: the file ends inside its headers (the mailbox is cut short)',
  ];
  for (const size of SIZES) assert.deepEqual(await read(mbox, size), want, `chunks of ${size} bytes`);
});

test('a header block larger than any real one is named, and the next message is read', async () => {
  const long = `X-Long: ${'a'.repeat(70)}${`\n ${'b'.repeat(100)}`.repeat(6000)}\n`;
  const mbox = Buffer.from(
    `From a\nFrom: a@example.org\n${long}\nbody\nFrom b\nFrom: b@example.org\n\nbody\n`,
  );
  for (const size of [4096, 65536, 1 << 20])
    assert.deepEqual(
      await read(mbox, size),
      ['1@1 damaged: its header block is larger than any real one', '2@6006 from=b@example.org'],
      `chunks of ${size} bytes`,
    );
});

test('a file whose last line has no line feed: a blank line there still ends the headers', async () => {
  const mbox = Buffer.from('From a\r\nFrom: a@example.org\r\n\r');
  for (const size of SIZES) assert.deepEqual(await read(mbox, size), ['1@1 from=a@example.org']);
});

test('only the headers asked for are kept, folded or not, with every value of a repeated one', async () => {
  const mbox = Buffer.from(
    'From a\nDKIM-Signature: v=1;\n b=xyz\nFROM : Jonas <j@example.org>\nReferences: <a@x>\n <b@x>\n' +
      'X-Other: 1\n To: not-a-header-start@example.org\nTo: maya@example.com\nto: lars@example.com\n\n',
  );
  const want = ['1@1 from=Jonas <j@example.org> references=<a@x> <b@x> to=maya@example.com|lars@example.com'];
  for (const size of [1, 7, 4096]) {
    const out: string[] = [];
    const only = new Set(['from', 'to', 'references']);
    for await (const item of readMbox(chunked(mbox, size), { headers: only })) out.push(show(item));
    assert.deepEqual(out, want, `chunks of ${size} bytes`);
  }
});
