import { phoneKey } from './identity.js';
import type { ImportDraft, ImportFields, ImportRecord } from './import-plan.js';
import { namePartsFit } from './names.js';
import { limits } from './text.js';
import type { Person } from './types.js';

// How one record merges into a person: fill what they lack, union the lists. Used by `planImport`.

/**
 * A name an importer made up because the record had none (its email address, phone number or
 * organisation): any real name found for the same person replaces it.
 */
function hasStandInName(p: {
  name: string;
  company?: string | undefined;
  emails: readonly string[];
  phones: readonly string[];
}): boolean {
  const n = p.name.trim().toLowerCase();
  return (
    p.emails.some((e) => e.toLowerCase() === n) ||
    p.phones.some((ph) => phoneKey(ph) === phoneKey(n) && /\d/.test(n)) ||
    (p.company !== undefined && p.company.trim().toLowerCase() === n)
  );
}

/** A record's notes and addresses, as one note within the notes limit. */
export function notesOf(r: Pick<ImportRecord, 'notes' | 'addresses'>): string | undefined {
  const parts = [r.notes, ...r.addresses.map((a) => `Address: ${a}`)].filter(
    (x): x is string => x !== undefined && x !== '',
  );
  if (parts.length === 0) return undefined;
  const text = parts.join('\n');
  return text.length > limits.notes ? text.slice(0, limits.notes) : text;
}

/** A person's fields as a draft the merge may change, lists copied. */
export function draftOfPerson(p: Pick<Person, ImportFields>): ImportDraft {
  return {
    name: p.name,
    nameParts: p.nameParts,
    company: p.company,
    title: p.title,
    emails: [...p.emails],
    phones: [...p.phones],
    linkedin: p.linkedin,
    urls: [...p.urls],
    birthday: p.birthday,
    notes: p.notes,
    tags: [...p.tags],
  };
}

/** A record as the draft of a new person: its addresses go into the notes, tags once each. */
export function draftOf(r: ImportRecord): ImportDraft {
  // Built field by field, not spread: an import makes one for each of up to 30,000 new people.
  const d = draftOfPerson(r);
  d.notes = notesOf(r);
  d.tags = [...new Set(r.tags)];
  d.connectedOn = r.connectedOn;
  return d;
}

/**
 * Fills what `d` lacks from the record and unions the lists. Never touches a real name, notes Tend
 * already has, or anything the file cannot know (needs, interactions, circle); a stand-in name (an
 * email address used as a name) gives way to a real one. True if changed.
 */
export function fill(d: ImportDraft, r: ImportRecord): boolean {
  let changed = false;
  // Rows merged by a shared email: the name comes from the row that has a real one.
  if (r.name !== d.name && hasStandInName(d) && r.nameFromFallback !== true && !hasStandInName(r)) {
    d.name = r.name;
    d.nameParts = r.nameParts;
    changed = true;
  } else if (d.nameParts === undefined && r.nameParts !== undefined && namePartsFit(r.nameParts, d.name)) {
    // The source's structured name, when it still spells the name Tend has.
    d.nameParts = r.nameParts;
    changed = true;
  }
  const setIfMissing = <K extends 'company' | 'title' | 'linkedin' | 'birthday' | 'notes'>(
    k: K,
    v: ImportDraft[K],
  ): void => {
    if ((d[k] === undefined || d[k] === '') && v !== undefined && v !== '') {
      d[k] = v;
      changed = true;
    }
  };
  setIfMissing('company', r.company);
  setIfMissing('title', r.title);
  setIfMissing('linkedin', r.linkedin);
  setIfMissing('birthday', r.birthday);
  setIfMissing('notes', notesOf(r));
  const union = (list: string[], add: readonly string[], key: (s: string) => string): void => {
    const seen = new Set(list.map(key));
    for (const v of add)
      if (!seen.has(key(v))) {
        seen.add(key(v));
        list.push(v);
        changed = true;
      }
  };
  union(d.emails, r.emails, (s) => s.toLowerCase());
  union(d.phones, r.phones, phoneKey);
  union(d.urls, r.urls, (s) => s);
  union(d.tags, r.tags, (s) => s);
  if (r.connectedOn !== undefined && (d.connectedOn === undefined || r.connectedOn < d.connectedOn))
    d.connectedOn = r.connectedOn;
  return changed;
}
