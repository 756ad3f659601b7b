import { useState, type SubmitEvent } from 'react';
import { ApiError, api, qs } from '../api.js';
import { FocusTrade, type Candidate } from '../focus-trade.js';
import { Explain, termText } from '../explain.js';
import { Link } from '../router.js';
import type { FocusEntry, PersonSummary } from '../types.js';
import { Badge, Empty, ErrorNote, Meter, PageHead, pct, useDebounced, useLoad } from '../ui.js';

function AddToFocus({ onAdded }: { onAdded: () => void }) {
  const [q, setQ] = useState('');
  const search = useDebounced(q, 150);
  const { data } = useLoad(
    (s) =>
      search.trim() === ''
        ? Promise.resolve({ total: 0, people: [] as PersonSummary[] })
        : api<{ total: number; people: PersonSummary[] }>(
            'GET',
            `/api/people${qs({ search, limit: 6 })}`,
            undefined,
            s,
          ),
    [search],
  );
  const [full, setFull] = useState<{ id: string; name: string; message: string; candidates: Candidate[] }>();
  const [error, setError] = useState<unknown>();
  const add = async (p: PersonSummary): Promise<void> => {
    setError(undefined);
    try {
      await api('POST', '/api/focus', { person: String(p.person.id) });
      setQ('');
      onAdded();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'focus_full')
        setFull({
          id: String(p.person.id),
          name: p.person.name,
          message: e.message,
          candidates: (e.details.candidates ?? []) as Candidate[],
        });
      else setError(e);
    }
  };
  const candidates = (data?.people ?? []).filter((p) => p.person.circle !== 'focus');
  return (
    <section className="panel" aria-labelledby="h-add">
      <h2 id="h-add">Add someone you can really help</h2>
      <form
        onSubmit={(e: SubmitEvent) => {
          e.preventDefault();
        }}
      >
        <label>
          Find a person
          <input
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
            }}
            autoComplete="off"
            placeholder="Name, company, need…"
          />
        </label>
      </form>
      {candidates.length > 0 && (
        <ul className="items">
          {candidates.map((p) => (
            <li key={p.person.id}>
              <span>
                {p.person.name} <span className="muted small">{p.person.company ?? p.person.circle}</span>
              </span>
              <button type="button" onClick={() => void add(p)}>
                Add to focus
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={error} />
      {full && (
        <FocusTrade
          person={full.id}
          name={full.name}
          message={full.message}
          candidates={full.candidates}
          onDone={() => {
            setFull(undefined);
            setQ('');
            onAdded();
          }}
          onCancel={() => {
            setFull(undefined);
          }}
        />
      )}
    </section>
  );
}

export default function FocusPage() {
  const { data, error, reload } = useLoad((s) =>
    api<{ cap: number; people: FocusEntry[] }>('GET', '/api/focus', undefined, s),
  );
  const [err, setErr] = useState<unknown>();
  const remove = async (id: number): Promise<void> => {
    try {
      await api('DELETE', `/api/focus/${id}`);
      reload();
    } catch (e) {
      setErr(e);
    }
  };
  return (
    <>
      <PageHead title="Focus">
        {data && (
          <div className="cap" aria-label={`${data.people.length} of ${data.cap} places used`}>
            <strong>
              {data.people.length} / {data.cap}
            </strong>
            <Meter value={data.people.length} max={data.cap} label="focus places used" />
          </div>
        )}
      </PageHead>
      <p className="muted">
        A few people you can really help, and who could help you. The cap makes every place a choice.
      </p>
      <ErrorNote error={error ?? err} />
      {data && data.people.length === 0 && (
        <Empty title="No one in focus yet">
          <p>Pick a handful of people whose needs you can meet.</p>
        </Empty>
      )}
      {data && data.people.length > 0 && (
        <div className="table-wrap">
          <table className="focus">
            <caption className="sr-only">Focus list with fit, help out, help in and strength</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Fit</th>
                <th scope="col">You help</th>
                <th scope="col">They help</th>
                <th scope="col">Strength</th>
                <th scope="col">Flags</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.people.map((e) => (
                <tr key={e.person.id}>
                  <th scope="row">
                    <Link href={`/people/${e.person.id}`}>{e.person.name}</Link>
                    <div className="small muted">{e.person.company}</div>
                  </th>
                  <td data-label="Fit">
                    {e.fit.needsUnknown ? '—' : pct(e.fit.fit)}
                    {!e.fit.needsUnknown &&
                      Math.round(e.fit.fit * 100) === 0 &&
                      e.fit.helpOut + e.fit.helpIn > 0 && <div className="small muted">one way only</div>}
                  </td>
                  <td>
                    <Meter value={e.fit.helpOut} max={1} label={`you help ${e.person.name}`} />{' '}
                    {pct(e.fit.helpOut)}
                  </td>
                  <td>
                    <Meter value={e.fit.helpIn} max={1} label={`${e.person.name} helps you`} />{' '}
                    {pct(e.fit.helpIn)}
                  </td>
                  <td data-label="Strength">{Math.round(e.strength)}</td>
                  <td className="flags">
                    <div>
                      {e.fit.reach && (
                        <Badge tone="bad" title={termText('reach')}>
                          reach
                        </Badge>
                      )}
                      {e.fit.needsUnknown && (
                        <Badge tone="warn" title={termText('needsUnknown')}>
                          needs unknown
                        </Badge>
                      )}
                      {e.toolOnly && (
                        <Badge tone="warn" title={termText('toolOnly')}>
                          tool-only
                        </Badge>
                      )}
                    </div>
                  </td>
                  <td>
                    <button type="button" onClick={() => void remove(e.person.id)}>
                      Move out<span className="sr-only"> of focus: {e.person.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="legend small muted" aria-label="What the numbers and flags mean">
            What the numbers and flags mean: <Explain term="fit" /> · <Explain term="helpOut" /> ·{' '}
            <Explain term="helpIn" /> · <Explain term="strength" /> · <Explain term="reach" /> ·{' '}
            <Explain term="needsUnknown" /> · <Explain term="toolOnly" />
          </p>
        </div>
      )}
      <AddToFocus onAdded={reload} />
    </>
  );
}
