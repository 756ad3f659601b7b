import { dedupeKeys } from './identity.js';
import { draftOf, draftOfPerson, fill } from './import-merge.js';
import { canonicalLinkedIn } from './linkedin.js';
import type { Day, NameParts, Person } from './types.js';

/** The fields of a person an import may fill: everything else is Tend's own. */
export type ImportFields =
  | 'name'
  | 'nameParts'
  | 'company'
  | 'title'
  | 'emails'
  | 'phones'
  | 'linkedin'
  | 'urls'
  | 'birthday'
  | 'notes'
  | 'tags';

/** What the import plan reads of an imported record (an importer's person, without its photo). */
export type ImportRecord = Pick<Person, ImportFields> & {
  /** Where it came from: "line 12" / "card 3 (line 40)". */
  ref: string;
  /** The source gave no name: `name` is a stand-in, a real one found elsewhere replaces it. */
  nameFromFallback?: true | undefined;
  addresses: readonly string[];
  /** LinkedIn 'Connected On'. */
  connectedOn?: Day | undefined;
};

/** A record with its identity keys, strongest first: its `record:` key (its exact content) first. */
export interface KeyedRecord {
  record: ImportRecord;
  keys: readonly string[];
}

/** A person Tend has, as far as an import reads them. */
export type KnownPerson = Pick<Person, 'id' | ImportFields>;

/** What Tend already knows, read for the records' keys. */
export interface KnownPeople {
  /** Key → the people known by it (only the keys of the records need to be there). */
  byKey: ReadonlyMap<string, readonly number[]>;
  /** The people `byKey` names (a record known by its `record:` key needs no person here). */
  people: ReadonlyMap<number, KnownPerson>;
  /** People who already have their "connected on LinkedIn" interaction. */
  connected: ReadonlySet<number>;
}

/** What Tend keeps of a person while an import decides. */
export type ImportDraft = Pick<Person, ImportFields> & {
  /** Date of a "connected on LinkedIn" interaction. */
  connectedOn?: Day | undefined;
};

/** The fields to write on an existing person (a name only when it changes). */
export type PersonChanges = Omit<ImportDraft, 'name' | 'nameParts' | 'tags' | 'connectedOn'> & {
  name?: string;
  nameParts?: NameParts | undefined;
};

/** An existing person the file touches. */
export interface PlannedUpdate {
  personId: number;
  /** Set when a field changes: what to write. */
  changes?: PersonChanges | undefined;
  /** Tags to add. */
  newTags: string[];
  /** The day of a "connected on LinkedIn" interaction to add. */
  connectedOn?: Day | undefined;
  /** Keys to add to the person. */
  keys: string[];
}

/** A person the file adds. */
export interface PlannedCreate {
  person: ImportDraft;
  /** The keys the new person is known by. */
  keys: string[];
}

/** A warning the planning found: a person twice in the file, or a record matching several people. */
export interface PlanProblem {
  ref: string;
  severity: 'warning';
  code: 'duplicate_in_file' | 'ambiguous_match';
  message: string;
}

/**
 * What happens to one record: `unchanged` (known, nothing new), `merged` into an existing person
 * (a field or a connection to add), `created` as a new person, or a `duplicate` of a person this
 * file creates, merged into it. `person` is an existing id or an index into `creates`.
 */
export interface RecordPlan {
  outcome: 'unchanged' | 'merged' | 'created' | 'duplicate';
  person: { id: number } | { create: number };
}

export interface ImportPlan {
  /** Per record, in file order. */
  records: RecordPlan[];
  /** Existing people the file touches, in the order first touched. */
  updates: PlannedUpdate[];
  /** New people, in file order. */
  creates: PlannedCreate[];
  problems: PlanProblem[];
}

/** Keys of a person as the importers compute them, so manual and imported people meet. */
export function keysOfPerson(p: {
  name: string;
  company?: string | undefined;
  emails: readonly string[];
  phones: readonly string[];
  linkedin?: string | undefined;
  birthday?: string | undefined;
}): string[] {
  const linkedin = p.linkedin !== undefined ? (canonicalLinkedIn(p.linkedin) ?? p.linkedin) : undefined;
  return dedupeKeys({ ...p, linkedin });
}

interface Target {
  /** Existing person, or undefined for a person this file creates. */
  before?: KnownPerson | undefined;
  /** Index into the creates, for a person this file creates. */
  create?: number | undefined;
  draft: ImportDraft;
  fieldsChanged: boolean;
  hasConnection: boolean;
  connectionPlanned: boolean;
  /** A person this file adds that a later record of the same file merged into. */
  merged: boolean;
  keys: Set<string>;
  /** First record that created it, for "same as line N" messages. */
  ref: string;
}

/**
 * Plans an import: which records are already known exactly as they are (by their `record:` key),
 * which merge into which existing person (by any shared key) and what that changes, which create
 * new people, which keys and LinkedIn connections to add, and the warnings. Merging only fills
 * what a person lacks and unions lists: nothing Tend has is overwritten. Two records or people
 * that only share a name never meet: no key is a name alone. Deterministic: the same records and
 * the same knowledge give the same plan.
 * @example planImport([{ record, keys }], { byKey: new Map(), people: new Map(), connected: new Set() }).creates.length === 1
 */
export function planImport(records: readonly KeyedRecord[], known: KnownPeople): ImportPlan {
  const plans: (RecordPlan | undefined)[] = Array.from({ length: records.length }, () => undefined);
  const existing = new Map<number, Target>();
  const targetOf = (id: number): Target | undefined => {
    let t = existing.get(id);
    if (t) return t;
    const p = known.people.get(id);
    if (!p) return undefined;
    t = {
      before: p,
      draft: draftOfPerson(p),
      fieldsChanged: false,
      hasConnection: known.connected.has(id),
      connectionPlanned: false,
      merged: false,
      keys: new Set(),
      ref: `#${p.id}`,
    };
    existing.set(id, t);
    return t;
  };

  // A record imported before exactly as it is now is recognised by its fingerprint alone and
  // left as it is: nothing the user changed in Tend since is touched, and nothing is re-read.
  const fresh: number[] = [];
  records.forEach((r, i) => {
    const id = known.byKey.get(r.keys[0] ?? '')?.[0];
    if (id === undefined) fresh.push(i);
    else plans[i] = { outcome: 'unchanged', person: { id } };
  });

  // Keys seen so far → the targets they belong to (existing people and people this file adds).
  const byKey = new Map<string, Target[]>();
  const lookup = (key: string): Target[] => {
    let list = byKey.get(key);
    if (!list) {
      // Most keys of a file are new: no people to map.
      const ids = known.byKey.get(key);
      list = ids ? ids.map(targetOf).filter((t): t is Target => t !== undefined) : [];
      byKey.set(key, list);
    }
    return list;
  };

  const created: Target[] = [];
  const touched: Target[] = [];
  const touchedSet = new Set<Target>();
  const problems: PlanProblem[] = [];
  for (const i of fresh) {
    const { record: r, keys } = records[i] ?? { record: undefined, keys: [] };
    if (!r) continue;
    let target: Target | undefined;
    const others = new Set<Target>();
    for (const key of keys) {
      for (const t of lookup(key)) {
        // Same name and company but a different LinkedIn profile: two people, not one.
        if (
          key.startsWith('namecompany:') &&
          r.linkedin &&
          t.draft.linkedin &&
          t.draft.linkedin !== r.linkedin
        )
          continue;
        if (!target) target = t;
        else if (t !== target) others.add(t);
      }
    }
    if (others.size > 0 && target)
      problems.push({
        ref: r.ref,
        severity: 'warning',
        code: 'ambiguous_match',
        message: `matches several people (${[target, ...others].map((t) => t.ref).join(', ')}); merged into ${target.ref} only`,
      });
    if (!target) {
      target = {
        create: created.length,
        draft: draftOf(r),
        fieldsChanged: false,
        hasConnection: false,
        connectionPlanned: false,
        merged: false,
        keys: new Set(keys),
        ref: r.ref,
      };
      created.push(target);
      plans[i] = { outcome: 'created', person: { create: target.create ?? 0 } };
    } else if (target.before === undefined) {
      // A second record of a person this file already adds (LinkedIn never does this; a vCard
      // file merged from two phones does).
      fill(target.draft, r);
      target.merged = true;
      plans[i] = { outcome: 'duplicate', person: { create: target.create ?? 0 } };
      problems.push({
        ref: r.ref,
        severity: 'warning',
        code: 'duplicate_in_file',
        message: `the same person as ${target.ref}: merged into one`,
      });
    } else {
      const changed = fill(target.draft, r);
      if (changed) target.fieldsChanged = true;
      let connects = false;
      if (!target.hasConnection && !target.connectionPlanned && r.connectedOn !== undefined) {
        target.connectionPlanned = true;
        connects = true;
      }
      plans[i] = { outcome: changed || connects ? 'merged' : 'unchanged', person: { id: target.before.id } };
    }
    for (const k of keys) target.keys.add(k);
    if (!touchedSet.has(target)) {
      touchedSet.add(target);
      touched.push(target);
    }
    for (const k of keys) {
      const list = lookup(k);
      if (!list.includes(target)) list.push(target);
    }
  }

  // A person whose fields the import changed may now have keys no record carried.
  const keysOf = (t: Target): Set<string> =>
    t.fieldsChanged || t.merged ? new Set([...t.keys, ...keysOfPerson(t.draft)]) : t.keys;

  const updates: PlannedUpdate[] = [];
  for (const t of touched) {
    const b = t.before;
    if (!b) continue;
    const d = t.draft;
    updates.push({
      personId: b.id,
      changes: t.fieldsChanged
        ? {
            ...(d.name !== b.name ? { name: d.name } : {}),
            ...(d.nameParts !== b.nameParts ? { nameParts: d.nameParts } : {}),
            company: d.company,
            title: d.title,
            emails: d.emails,
            phones: d.phones,
            linkedin: d.linkedin,
            urls: d.urls,
            birthday: d.birthday,
            notes: d.notes,
          }
        : undefined,
      newTags: t.fieldsChanged ? d.tags.filter((x) => !b.tags.includes(x)) : [],
      connectedOn: t.connectionPlanned ? d.connectedOn : undefined,
      keys: [...keysOf(t)].filter((key) => !(known.byKey.get(key) ?? []).includes(b.id)),
    });
  }
  return {
    records: plans.map((p) => p ?? { outcome: 'unchanged', person: { id: -1 } }),
    updates,
    creates: created.map((t) => ({ person: t.draft, keys: [...keysOf(t)] })),
    problems,
  };
}
