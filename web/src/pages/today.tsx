import { useState } from 'react';
import type { GiveKind } from '../../../src/core/types.js';
import { api } from '../api.js';
import { giveKinds } from '../constants.js';
import { MatchAnswer } from '../match-answer.js';
import { Explain } from '../explain.js';
import { Link } from '../router.js';
import type { Action, TodayView } from '../types.js';
import { Empty, ErrorNote, PageHead, useLoad } from '../ui.js';

const tierLabel: Record<Action['tier'], string> = {
  promise: 'Promise',
  follow_up: 'Follow up',
  give: 'Give',
  reconnect: 'Reconnect',
  learn: 'Learn',
};

/**
 * The one-click action of each card: what it records, in the API's words. A give is sent with
 * `once`, so a double submit is logged once, and with the kind the user chose (`kind`).
 */
function oneClick(a: Action, kind: GiveKind): { label: string; run: () => Promise<unknown> } | undefined {
  const person = `/api/people/${a.personId}`;
  switch (a.kind) {
    case 'keep_promise':
      return a.ref?.promiseId !== undefined
        ? {
            label: 'Mark kept',
            run: () => api('PATCH', `/api/promises/${a.ref?.promiseId ?? 0}`, { status: 'kept' }),
          }
        : undefined;
    case 'offer_help':
      return {
        label: 'Log the give',
        run: () => api('POST', `${person}/interactions`, { action: 'give', text: a.title, kind, once: true }),
      };
    case 'make_intro':
      return {
        label: 'Log the intro',
        run: () => api('POST', `${person}/interactions`, { action: 'give', text: a.title, kind, once: true }),
      };
    case 'birthday':
      return {
        label: 'Log the note',
        run: () =>
          api('POST', `${person}/interactions`, {
            action: 'give',
            text: 'birthday note',
            kind: 'congratulation',
            channel: 'letter',
          }),
      };
    case 'meeting_follow_up':
      return {
        label: 'Log the follow-up',
        run: () =>
          api('POST', `${person}/interactions`, {
            action: 'log',
            channel: 'message',
            nature: 'touch',
            note: a.title,
          }),
      };
    case 'event_follow_up':
    case 'reconnect':
    case 'keep_in_touch':
      return {
        label: 'Log a call',
        run: () =>
          api('POST', `${person}/interactions`, {
            action: 'log',
            channel: 'call',
            nature: 'touch',
            note: a.title,
          }),
      };
    case 'intro_waiting':
    case 'ask_needs':
      return undefined;
  }
}

function Card({ a, onDone }: { a: Action; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const [showDraft, setShowDraft] = useState(false);
  const [copied, setCopied] = useState(false);
  const isGive = a.kind === 'offer_help' || a.kind === 'make_intro';
  const [kind, setKind] = useState<GiveKind>(a.giveKind ?? (a.kind === 'make_intro' ? 'intro' : 'advice'));
  const action = oneClick(a, kind);
  const run = async (): Promise<void> => {
    if (!action || busy || done) return;
    setBusy(true);
    setError(undefined);
    try {
      await action.run();
      setDone(true);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`card action tier-${a.tier}${done ? ' done' : ''}`}>
      <div className="card-top">
        <span className={`tier tier-${a.tier}`}>{tierLabel[a.tier]}</span>
        <Link href={`/people/${a.personId}`} className="who">
          {a.personName}
        </Link>
      </div>
      <p className="title">{a.title}</p>
      {a.detail && <p className="muted">{a.detail}</p>}
      {a.tier === 'give' && a.ref?.needId !== undefined && a.ref.offerId !== undefined && (
        <MatchAnswer
          needId={a.ref.needId}
          offerId={a.ref.offerId}
          onAnswered={(v) => {
            if (v === 'dismissed') onDone();
          }}
        />
      )}
      <div className="row">
        {action && isGive && !done && (
          <label className="give-kind">
            Kind of give
            <select
              value={kind}
              disabled={busy}
              onChange={(e) => {
                setKind(e.target.value as GiveKind);
              }}
            >
              {giveKinds.map((k) => (
                <option key={k} value={k}>
                  {k === 'intro' ? 'introduction' : k}
                </option>
              ))}
            </select>
          </label>
        )}
        {action && (
          <button type="button" className="primary" onClick={() => void run()} disabled={busy || done}>
            {done ? 'Done ✓' : busy ? 'Saving…' : action.label}
          </button>
        )}
        {a.kind === 'ask_needs' && (
          <Link className="button primary" href={`/people/${a.personId}`}>
            Note what they need
          </Link>
        )}
        {a.kind === 'intro_waiting' && (
          <Link className="button primary" href="/intros">
            Open the introduction
          </Link>
        )}
        <button
          type="button"
          onClick={() => {
            setShowDraft((s) => !s);
          }}
          aria-expanded={showDraft}
        >
          {showDraft ? 'Hide draft' : 'Draft a message'}
        </button>
      </div>
      {showDraft && (
        <div className="draft">
          <label>
            Draft
            <textarea defaultValue={a.draft} rows={8} id={`draft-${a.personId}`} />
          </label>
          <button
            type="button"
            onClick={() => {
              const el = document.getElementById(`draft-${a.personId}`) as HTMLTextAreaElement | null;
              void navigator.clipboard
                .writeText(el?.value ?? a.draft)
                .then(() => {
                  setCopied(true);
                })
                .catch(() => {
                  setCopied(false);
                });
            }}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </li>
  );
}

export default function TodayPage() {
  const { data, error, loading, reload } = useLoad((s) => api<TodayView>('GET', '/api/today', undefined, s));
  // Cards whose action was logged: gone from the list, even before the agenda is read again.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const key = (a: Action): string => `${a.kind}-${a.personId}-${a.ref?.needId ?? ''}-${a.ref?.offerId ?? ''}`;
  return (
    <>
      <PageHead title="Today">
        {data && <p className="muted">{data.date} · give first, one person at a time</p>}
      </PageHead>
      <ErrorNote error={error} />
      {data && data.signals.length > 0 && (
        <div className="note warn" role="status">
          <strong>
            <Explain term="shotgun">Shotgun signals this week</Explain>
          </strong>
          <ul>
            {data.signals.map((s) => (
              <li key={s.code}>{s.message}</li>
            ))}
          </ul>
        </div>
      )}
      {data && data.actions.length === 0 && (
        <Empty title="Nothing pressing today">
          <p>
            Add needs to the people in your <Link href="/focus">focus list</Link>, or note what you can{' '}
            <Link href="/welcome">offer</Link>: Tend turns matches into gives here.
          </p>
        </Empty>
      )}
      {data && (
        <ol className="cards" aria-busy={loading}>
          {data.actions
            .filter((a) => !gone.has(key(a)))
            .map((a) => (
              <Card
                key={key(a)}
                a={a}
                onDone={() =>
                  setTimeout(() => {
                    setGone((g) => new Set([...g, key(a)]));
                    reload();
                  }, 900)
                }
              />
            ))}
        </ol>
      )}
    </>
  );
}
