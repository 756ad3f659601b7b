// The mail floor: a whole Node process that streams the mailbox and splits it into messages at
// each `From ` line (what any mbox reader must do), and nothing else.
import { createReadStream } from 'node:fs';

let messages = 0;
let tail = '';
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20, encoding: 'latin1' })) {
  const text = tail + chunk;
  let at = text.indexOf('\nFrom ');
  let last = 0;
  while (at !== -1) {
    messages++;
    last = at + 1;
    at = text.indexOf('\nFrom ', last);
  }
  tail = text.slice(last);
}
process.stdout.write(`${messages + 1}\n`);
