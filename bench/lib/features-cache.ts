/**
 * Matcher features by text, kept on disk per matcher version, so the one-time index build
 * (minutes with the sentence encoder) is paid once per matcher version rather than once per
 * generated database. Layout: repeated [u32 text bytes · text · u32 data bytes · data].
 */
import fs from 'node:fs';

export function readFeatureCache(file: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (!fs.existsSync(file)) return out;
  const buf = fs.readFileSync(file);
  let o = 0;
  while (o + 4 <= buf.length) {
    const tl = buf.readUInt32LE(o);
    const text = buf.toString('utf8', o + 4, o + 4 + tl);
    o += 4 + tl;
    const dl = buf.readUInt32LE(o);
    out.set(text, new Uint8Array(buf.subarray(o + 4, o + 4 + dl)));
    o += 4 + dl;
  }
  return out;
}

export function writeFeatureCache(file: string, features: ReadonlyMap<string, Uint8Array>): void {
  const parts: Buffer[] = [];
  for (const [text, data] of features) {
    const t = Buffer.from(text, 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(t.length);
    const dh = Buffer.alloc(4);
    dh.writeUInt32LE(data.byteLength);
    parts.push(head, t, dh, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, Buffer.concat(parts));
  fs.renameSync(tmp, file);
}
