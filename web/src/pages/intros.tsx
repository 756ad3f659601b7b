import { useState } from 'react';
import { api, hasRoute } from '../api.js';
import { Link } from '../router.js';
import type { Intro } from '../types.js';
import { Empty, ErrorNote, PageHead, useLoad } from '../ui.js';

const columns = [
  ['proposed', 'Proposed'],
  ['asked_a', 'Asked the first'],
  ['asked_b', 'Asked the second'],
  ['made', 'Made'],
  ['outcome', 'Led somewhere'],
] as const;

/** The double opt-in board: proposed → asked A → asked B → made → outcome. */
export default function IntrosPage() {
  const { data, error, reload } = useLoad(async (s) => {
    if (!(await hasRoute('/api/intros'))) return undefined;
    const res = await api<{ intros: Intro[] } | Intro[]>('GET', '/api/intros', undefined, s);
    return Array.isArray(res) ? res : res.intros;
  });
  const [err, setErr] = useState<unknown>();
  const move = async (i: Intro, to: string): Promise<void> => {
    try {
      await api('PATCH', `/api/intros/${i.id}`, { to });
      reload();
    } catch (e) {
      setErr(e);
    }
  };
  return (
    <>
      <PageHead title="Introductions" />
      <p className="muted">
        Introduce two people when a need of one meets an offer of the other, and ask each of them first.
        Making an introduction is a give to both.
      </p>
      <ErrorNote error={error ?? err} />
      {data === undefined && !error && (
        <Empty title="No introductions yet">
          <p>
            When someone in your <Link href="/focus">focus list</Link> needs what another person offers, Today
            suggests the introduction. The board of introductions in progress will appear here.
          </p>
        </Empty>
      )}
      {data && data.length === 0 && <Empty title="No introductions in progress" />}
      {data && data.length > 0 && (
        <div className="board">
          {columns.map(([state, label]) => {
            const items = data.filter((i) => i.state === state);
            return (
              <section key={state} className="column" aria-label={label}>
                <h2>
                  {label} <span className="muted">{items.length}</span>
                </h2>
                <ul>
                  {items.map((i) => (
                    <li key={i.id} className="card">
                      <strong>
                        <Link href={`/people/${i.a.id}`}>{i.a.name}</Link> ↔{' '}
                        <Link href={`/people/${i.b.id}`}>{i.b.name}</Link>
                      </strong>
                      <p className="small muted">{i.reason}</p>
                      {i.state !== 'outcome' && i.state !== 'declined' && (
                        <details>
                          <summary>Draft messages</summary>
                          {(
                            [
                              [i.a.name, i.drafts.a],
                              [i.b.name, i.drafts.b],
                            ] as const
                          ).map(([name, draft]) => (
                            <label key={name} className="small">
                              To {name}
                              <textarea
                                readOnly
                                rows={9}
                                value={draft}
                                onFocus={(e) => {
                                  e.currentTarget.select();
                                }}
                              />
                              <button type="button" onClick={() => void navigator.clipboard.writeText(draft)}>
                                Copy
                              </button>
                            </label>
                          ))}
                        </details>
                      )}
                      <div className="row wrap">
                        {i.next.map((n) => (
                          <button key={n} type="button" onClick={() => void move(i, n)}>
                            {n.replace('_', ' ')}
                          </button>
                        ))}
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
