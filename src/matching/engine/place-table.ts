import { buildMatcher, matchPhrases, parseTable, type PhraseMatcher } from './phrase-matcher.js';
import { PLACES } from '../data/places.js';

export interface PlaceTable {
  readonly ids: readonly string[];
  readonly parentOf: Int32Array;
  /** The "not bound to a place" marker (remote, worldwide, global). */
  readonly world: number;
  readonly matcher: PhraseMatcher;
}

export function buildPlaceTable(src: string = PLACES): PlaceTable {
  const rows = parseTable(src).map((r) => {
    const [id, parent] = r.head.split('<').map((x) => x.trim());
    return { id: id ?? '', parent: parent ?? '', names: r.strong };
  });
  const pos = new Map(rows.map((r, i) => [r.id, i]));
  const parentOf = Int32Array.from(rows, (r) => (r.parent ? (pos.get(r.parent) ?? -1) : -1));
  // Built on first use: scoring stored features never needs it (see buildConceptTable).
  let matcher: PhraseMatcher | undefined;
  return {
    ids: rows.map((r) => r.id),
    parentOf,
    world: pos.get('world') ?? -1,
    get matcher() {
      return (matcher ??= buildMatcher(rows.map((r, index) => ({ index, strong: r.names, weak: [] }))));
    },
  };
}

export function extractPlaces(t: PlaceTable, stems: readonly string[]): number[] {
  return [...new Set(matchPhrases(t.matcher, stems).map((h) => h.index))].sort((a, b) => a - b);
}

function within(t: PlaceTable, inner: number, outer: number): boolean {
  for (let p = inner; p >= 0; p = t.parentOf[p] ?? -1) if (p === outer) return true;
  return false;
}

/**
 * The judgement rule for region-bound offers, as a factor in [0,1]:
 * an offer naming no place (or "remote / worldwide") serves everyone; an offer naming places
 * serves a need only in one of them. A need naming no place is place-unspecified, so a
 * region-bound offer is only a soft match for it; a need elsewhere is a clear mismatch.
 */
export function placeFactor(t: PlaceTable, need: readonly number[], offer: readonly number[]): number {
  // Written without allocation: it runs for every place-bound item of a search.
  if (offer.length === 0 || offer.includes(t.world)) return 1;
  let needBound = false;
  for (const n of need) {
    if (n === t.world) continue;
    needBound = true;
    for (const o of offer) if (within(t, n, o) || within(t, o, n)) return 1;
  }
  return needBound ? OTHER_PLACE : UNSPECIFIED_NEED;
}

const UNSPECIFIED_NEED = 0.9;
const OTHER_PLACE = 0.3;
