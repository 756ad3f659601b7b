import { useState } from 'react';
import { ApiError, api } from '../api.js';
import { channelLabel } from '../constants.js';
import { Link } from '../router.js';
import type { Profile } from '../types.js';
import { FocusTrade, type Candidate } from '../focus-trade.js';
import { QuickLog } from '../quick-log.js';
import { MatchAnswer } from '../match-answer.js';
import { Explain, termText } from '../explain.js';
import { Badge, Empty, ErrorNote, Meter, PageHead, fmtBalance, pct, useLoad } from '../ui.js';
import { PersonDetails, interactionForm } from '../person-edit.js';
import { EditUndo, useUndo } from '../undo-toast.js';
import { ItemList, Promises } from '../person-items.js';

/** The fit number with the two sides it is made of, and why it is 0 when one side is. */
function fitReason(f: Profile['fit'], first: string): string {
  if (f.needsUnknown) return `needs unknown: note what ${first} needs · they help ${pct(f.helpIn)}`;
  const sides = `you help ${pct(f.helpOut)} · they help ${pct(f.helpIn)}`;
  if (Math.round(f.fit * 100) > 0) return sides;
  if (f.helpIn === 0 && f.helpOut > 0) return `${sides}: a pure give, fit counts both ways`;
  if (f.helpOut === 0 && f.helpIn > 0) return `${sides}: you cannot help yet, fit counts both ways`;
  return sides;
}

function FocusToggle({ p, id, onChange }: { p: Profile; id: string; onChange: () => void }) {
  const [error, setError] = useState<unknown>();
  const [full, setFull] = useState<{ message: string; candidates: Candidate[] }>();
  const inFocus = p.person.circle === 'focus';
  const toggle = async (): Promise<void> => {
    setError(undefined);
    try {
      if (inFocus) await api('DELETE', `/api/focus/${encodeURIComponent(id)}`);
      else await api('POST', '/api/focus', { person: id });
      onChange();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'focus_full')
        setFull({ message: e.message, candidates: (e.details.candidates ?? []) as Candidate[] });
      else setError(e);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void toggle()}>
        {inFocus ? 'Move out of focus' : 'Add to focus'}
      </button>
      {full && (
        <FocusTrade
          person={id}
          name={p.person.name}
          message={full.message}
          candidates={full.candidates}
          onDone={() => {
            setFull(undefined);
            onChange();
          }}
          onCancel={() => {
            setFull(undefined);
          }}
        />
      )}
      <ErrorNote error={error} />
    </>
  );
}

export default function PersonPage({ id = '' }: { id?: string }) {
  const {
    data: p,
    error,
    reload,
  } = useLoad((s) => api<Profile>('GET', `/api/people/${encodeURIComponent(id)}`, undefined, s), [id]);
  const [flash, setFlash] = useState<string>();
  const [editing, setEditing] = useState<number>();
  const { remove, edited, toast } = useUndo(reload);
  if (error) return <ErrorNote error={error} />;
  if (!p) return <p className="loading">Loading…</p>;
  const first = p.person.name.split(' ')[0] ?? p.person.name;
  const logged = (m: string): void => {
    setFlash(m);
    reload();
  };
  return (
    <EditUndo.Provider value={edited}>
      <PageHead title={p.person.name}>
        <div className="row">
          <FocusToggle p={p} id={id} onChange={reload} />
        </div>
      </PageHead>
      <p className="muted">
        {[p.person.title, p.person.company].filter(Boolean).join(' at ')}
        {p.person.met && <> · met: {p.person.met}</>}
        {p.introducedBy && (
          <>
            {' '}
            · introduced by <Link href={`/people/${p.introducedBy.id}`}>{p.introducedBy.name}</Link>
          </>
        )}
      </p>
      <div className="glance" aria-label="At a glance">
        <div className="stat">
          <span className="label">
            <Explain term="strength" />
          </span>
          <strong>{Math.round(p.strength)}</strong>
          <Meter value={p.strength} label="strength" />
        </div>
        <div className="stat">
          <span className="label">
            <Explain term="balance" />
          </span>
          <strong className={p.balance < 0 ? 'neg' : p.balance > 0 ? 'pos' : undefined}>
            {fmtBalance(p.balance)}
          </strong>
          <span className="small muted">
            gave {p.ledger.gaveCount} ({fmtBalance(p.ledger.gave)}) · asked {p.ledger.askedCount} (
            {fmtBalance(-p.ledger.asked)}) · received {p.ledger.receivedCount} (
            {fmtBalance(-p.ledger.received)})
          </span>
        </div>
        <div className="stat">
          <span className="label">
            <Explain term="fit" />
          </span>
          <strong>{p.fit.needsUnknown ? '—' : pct(p.fit.fit)}</strong>
          <span className="small muted">{fitReason(p.fit, first)}</span>
        </div>
        <div className="stat flags">
          <Badge tone={p.person.circle === 'focus' ? 'good' : 'info'}>{p.person.circle}</Badge>
          {p.toolOnly ? (
            <Badge tone="warn" title={termText('toolOnly')}>
              <Explain term="toolOnly" />
            </Badge>
          ) : (
            <Badge tone="good">met for real</Badge>
          )}
          {p.fit.reach && (
            <Badge tone="bad" title={termText('reach')}>
              <Explain term="reach" />
            </Badge>
          )}
          {p.keepInTouchOverdue !== undefined && (
            <Badge tone="warn">keep in touch: {p.keepInTouchOverdue} days overdue</Badge>
          )}
        </div>
      </div>
      {p.toolOnly && (
        <p className="note info">
          You only know {first} through a tool. A call or a coffee would make this real.
        </p>
      )}
      {p.fit.reach && (
        <p className="note warn">
          Reach: {first} could help you, but you cannot help them yet. Look for people who benefit from what
          you know.
        </p>
      )}
      {flash && (
        <p className="note good" role="status">
          {flash}
        </p>
      )}
      <div className="cols">
        <div>
          <section className="panel" aria-labelledby="h-ways">
            <h2 id="h-ways">Ways to help {first}</h2>
            {p.waysToHelp.length === 0 ? (
              <p className="muted">No match yet. Note their needs, or ask what would help them.</p>
            ) : (
              <ul className="items">
                {p.waysToHelp.slice(0, 5).map((g) => (
                  <li key={g.text} className="match">
                    <span>
                      {g.text}{' '}
                      {g.possible && (
                        <Badge tone="info" title="Under the match threshold: one of the best candidates">
                          possible
                        </Badge>
                      )}
                    </span>
                    {g.needId !== undefined && g.offerId !== undefined && (
                      <MatchAnswer
                        needId={g.needId}
                        offerId={g.offerId}
                        confirmed={g.confirmed}
                        onAnswered={(v) => {
                          if (v === 'dismissed') reload();
                        }}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
            {p.theyCouldHelp.length > 0 && (
              <>
                <h3>{first} could help you</h3>
                <ul className="items">
                  {p.theyCouldHelp.map((t) => (
                    <li key={t.offer + t.need} className="match">
                      <span>
                        “{t.offer}” for your “{t.need}”
                      </span>
                      <MatchAnswer
                        needId={t.needId}
                        offerId={t.offerId}
                        confirmed={t.confirmed}
                        onAnswered={(v) => {
                          if (v === 'dismissed') reload();
                        }}
                      />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <QuickLog p={p} id={id} onLogged={logged} />
          <Promises p={p} id={id} onChange={reload} remove={remove} />
        </div>
        <div>
          <PersonDetails p={p} id={id} onChange={reload} />
          <ItemList
            title="Their needs"
            items={p.needs}
            side="need"
            id={id}
            onChange={reload}
            remove={remove}
          />
          <ItemList
            title="Their offers"
            items={p.offers}
            side="offer"
            id={id}
            onChange={reload}
            remove={remove}
          />
          <section className="panel" aria-labelledby="h-timeline">
            <h2 id="h-timeline">Timeline</h2>
            {p.timeline.length === 0 ? (
              <Empty title="Nothing logged yet" />
            ) : (
              <ol className="timeline">
                {p.timeline.map((i) => (
                  <li key={i.id}>
                    {editing === i.id ? (
                      interactionForm(
                        i,
                        () => {
                          setEditing(undefined);
                          reload();
                        },
                        () => {
                          setEditing(undefined);
                        },
                      )
                    ) : (
                      <>
                        <span className="muted small">{i.date}</span>{' '}
                        <Badge tone={i.nature === 'gave' ? 'good' : i.nature === 'asked' ? 'warn' : 'plain'}>
                          {i.nature}
                        </Badge>{' '}
                        <span className="small">{channelLabel[i.channel]}</span>
                        {i.kind && <span className="small muted"> · {i.kind}</span>}
                        {i.note && <div>{i.note}</div>}
                        {i.unearned && <Badge tone="bad">unearned</Badge>}
                        <span className="row">
                          <button
                            type="button"
                            className="link"
                            aria-label={`Edit the ${i.nature} of ${i.date}`}
                            onClick={() => {
                              setEditing(i.id);
                            }}
                          >
                            Edit
                          </button>
                          <button
                            type="button"
                            className="link"
                            aria-label={`Remove the ${i.nature} of ${i.date}`}
                            onClick={() => void remove('interaction', i.id, `the ${i.nature} of ${i.date}`)}
                          >
                            Remove
                          </button>
                        </span>
                      </>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
      {toast}
    </EditUndo.Provider>
  );
}
