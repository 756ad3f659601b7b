import { useContext, useState, type ReactNode, type SubmitEvent } from 'react';
import { api } from './api.js';
import { channelLabel, channels, askKinds, giveKinds } from './constants.js';
import type { Interaction, Profile } from './types.js';
import { ErrorNote } from './ui.js';
import { EditUndo } from './undo-toast.js';

/** One field of a small edit form: its label, its value as typed, and how to type it. */
interface Field {
  name: string;
  label: string;
  value: string;
  type?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'textarea';
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  hint?: string;
}

/**
 * A small form that edits a few fields in place and saves them with `save` (the values as typed).
 * Used for a person's details and to correct an interaction, a need, an offer or a promise.
 */
export function EditForm({
  title,
  fields,
  save,
  onDone,
  onCancel,
  restorable = () => true,
}: {
  title: string;
  fields: Field[];
  save: (values: Record<string, string>) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
  /** Whether saving the values from before writes them back (a field the API cannot empty cannot). */
  restorable?: (before: Record<string, string>, after: Record<string, string>) => boolean;
}) {
  const [initial] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.value])),
  );
  const [values, setValues] = useState<Record<string, string>>(initial);
  const offerUndo = useContext(EditUndo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await save(values);
      // The same save with the values from before is the undo.
      if (offerUndo && restorable(initial, values)) offerUndo(() => save(initial));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (name: string) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [name]: e.target.value }));
  };
  return (
    <form className="edit-form" aria-label={title} onSubmit={(e) => void submit(e)}>
      {fields.map((f) => (
        <label key={f.name}>
          {f.label}
          {f.options ? (
            <select value={values[f.name]} onChange={set(f.name)}>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : f.type === 'textarea' ? (
            <textarea value={values[f.name]} onChange={set(f.name)} rows={3} />
          ) : (
            <input
              type={f.type ?? 'text'}
              value={values[f.name]}
              onChange={set(f.name)}
              placeholder={f.placeholder}
              {...(f.type === 'number' ? { min: 1, max: 3650 } : {})}
            />
          )}
          {f.hint && <span className="small muted">{f.hint}</span>}
        </label>
      ))}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

/** Opens an EditForm in place of `children` when its button is pressed. */
export function Editable({
  label,
  children,
  form,
}: {
  label: string;
  children: ReactNode;
  form: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (open)
    return (
      <>
        {form(() => {
          setOpen(false);
        })}
      </>
    );
  return (
    <>
      {children}
      <button
        type="button"
        className="link"
        aria-label={label}
        onClick={() => {
          setOpen(true);
        }}
      >
        Edit
      </button>
    </>
  );
}

/** Email, phone, birthday, notes and keep-in-touch: what `tend edit` can change. */
export function PersonDetails({ p, id, onChange }: { p: Profile; id: string; onChange: () => void }) {
  const [open, setOpen] = useState(false);
  const x = p.person;
  const shown = [
    x.emails.length > 0 && x.emails.join(', '),
    x.phones.length > 0 && x.phones.join(', '),
    x.birthday && `birthday ${x.birthday}`,
    x.cadenceDays !== undefined && `keep in touch every ${x.cadenceDays} days`,
  ].filter(Boolean);
  return (
    <section className="panel" aria-labelledby="h-details">
      <h2 id="h-details">Details</h2>
      {open ? (
        <EditForm
          title={`Edit ${x.name}'s details`}
          fields={[
            {
              name: 'emails',
              label: 'Email',
              value: x.emails.join(', '),
              type: 'email',
              hint: 'several: separate with commas',
            },
            { name: 'phones', label: 'Phone', value: x.phones.join(', '), type: 'tel' },
            {
              name: 'birthday',
              label: 'Birthday',
              value: x.birthday ?? '',
              placeholder: '1990-04-12 or --04-12',
            },
            {
              name: 'cadenceDays',
              label: 'Keep in touch every (days)',
              value: x.cadenceDays !== undefined ? String(x.cadenceDays) : '',
              type: 'number',
            },
            { name: 'notes', label: 'Notes', value: x.notes ?? '', type: 'textarea' },
          ]}
          save={(v) => {
            const list = (s: string) =>
              s
                .split(',')
                .map((e) => e.trim())
                .filter(Boolean);
            const body: Record<string, unknown> = {
              emails: list(v.emails ?? ''),
              phones: list(v.phones ?? ''),
            };
            // An emptied field is sent as null, which empties it (and makes every edit undoable).
            body.birthday = v.birthday?.trim() ? v.birthday.trim() : null;
            body.notes = v.notes?.trim() ? v.notes : null;
            body.cadenceDays = v.cadenceDays?.trim() ? Number(v.cadenceDays) : null;
            return api('PATCH', `/api/people/${encodeURIComponent(id)}`, body);
          }}
          onDone={() => {
            setOpen(false);
            onChange();
          }}
          onCancel={() => {
            setOpen(false);
          }}
        />
      ) : (
        <>
          {shown.length === 0 && !x.notes ? (
            <p className="muted">No email, phone, birthday or notes yet.</p>
          ) : (
            <>
              {shown.length > 0 && <p>{shown.join(' · ')}</p>}
              {x.notes && <p className="notes">{x.notes}</p>}
            </>
          )}
          <button
            type="button"
            onClick={() => {
              setOpen(true);
            }}
          >
            Edit details
          </button>
        </>
      )}
    </section>
  );
}

/** The fields that correct an interaction: when, how, what kind, and its note. */
export function interactionForm(i: Interaction, onDone: () => void, onCancel: () => void) {
  const kinds = i.nature === 'asked' ? askKinds : i.nature === 'touch' ? [] : giveKinds;
  return (
    <EditForm
      title={`Correct the ${i.nature} of ${i.date}`}
      fields={[
        { name: 'date', label: 'Date', value: i.date, type: 'date' },
        {
          name: 'channel',
          label: 'How',
          value: i.channel,
          options: channels.map((c) => ({ value: c, label: channelLabel[c] })),
        },
        ...(kinds.length > 0
          ? [
              {
                name: 'kind',
                label: 'Kind',
                value: i.kind ?? '',
                options: [
                  { value: '', label: '—' },
                  ...kinds.map((k) => ({ value: k, label: k === 'intro' ? 'introduction' : k })),
                ],
              },
            ]
          : []),
        { name: 'note', label: 'Note', value: i.note ?? '' },
      ]}
      save={(v) =>
        api('PATCH', `/api/interactions/${i.id}`, {
          date: v.date,
          channel: v.channel,
          ...(kinds.length > 0 ? { kind: v.kind ? v.kind : null } : {}),
          note: v.note ?? '',
        })
      }
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}
