import { useState, type SubmitEvent } from 'react';
import { ApiError, api } from './api.js';
import { askKinds, channelLabel, channels, giveKinds } from './constants.js';
import type { Give, Profile } from './types.js';
import { ErrorNote } from './ui.js';

type Mode = 'give' | 'ask' | 'touch';

interface Refusal {
  message: string;
  gives: Give[];
  text: string;
  kind: string;
  channel: string;
}

/** Log a give, an ask or a touch with one person; a refused ask offers gives to make first. */
export function QuickLog({
  p,
  id,
  onLogged,
  preset,
}: {
  p: Profile;
  id: string;
  onLogged: (msg: string) => void;
  preset?: string;
}) {
  const [mode, setMode] = useState<Mode>('give');
  const [text, setText] = useState(preset ?? '');
  const [kind, setKind] = useState('');
  const [channel, setChannel] = useState('message');
  const [error, setError] = useState<unknown>();
  const [refusal, setRefusal] = useState<Refusal>();
  const [busy, setBusy] = useState(false);
  const url = `/api/people/${encodeURIComponent(id)}/interactions`;

  const send = async (body: Record<string, unknown>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<{ warnings: { message: string }[] }>('POST', url, body);
      setRefusal(undefined);
      setText('');
      onLogged(
        res.warnings[0]?.message ??
          (body.action === 'ask' ? 'Ask logged.' : body.action === 'give' ? 'Give logged.' : 'Logged.'),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ask_refused')
        setRefusal({ message: e.message, gives: (e.details.gives ?? []) as Give[], text, kind, channel });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: SubmitEvent): void => {
    e.preventDefault();
    const k = kind === '' ? undefined : kind;
    if (mode === 'touch') void send({ action: 'log', nature: 'touch', channel, note: text || undefined });
    else void send({ action: mode, text, kind: k, channel });
  };
  const kinds = mode === 'give' ? giveKinds : mode === 'ask' ? askKinds : [];
  return (
    <section className="panel" aria-labelledby="h-log">
      <h2 id="h-log">Quick log</h2>
      <div className="tabs" role="radiogroup" aria-label="What happened">
        {(['give', 'ask', 'touch'] as const).map((m) => (
          <label key={m} className={`tab${mode === m ? ' on' : ''}`}>
            <input
              type="radio"
              name="mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                setKind('');
                if (m === 'touch') setChannel('in_person');
              }}
            />
            {m === 'give' ? 'I gave' : m === 'ask' ? 'I asked' : 'We talked'}
          </label>
        ))}
      </div>
      <form className="grid-form" onSubmit={submit}>
        <label className="span">
          {mode === 'touch' ? 'Note (optional)' : mode === 'give' ? 'What you gave' : 'What you asked for'}
          <input
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
            required={mode !== 'touch'}
          />
        </label>
        {mode !== 'touch' && (
          <label>
            Kind
            <select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value);
              }}
            >
              <option value="">—</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          How
          <select
            value={channel}
            onChange={(e) => {
              setChannel(e.target.value);
            }}
          >
            {channels.map((c) => (
              <option key={c} value={c}>
                {channelLabel[c]}
              </option>
            ))}
          </select>
        </label>
        <div className="row span">
          <button className="primary" type="submit" disabled={busy}>
            {mode === 'give' ? 'Log give' : mode === 'ask' ? 'Log ask' : 'Log conversation'}
          </button>
        </div>
      </form>
      <ErrorNote error={error} />
      {refusal && (
        <div className="note refusal" role="alert">
          <h3>Give first</h3>
          <p>
            {p.person.name.split(' ')[0]} has not had anything from you yet, so Tend did not record the ask.
            People help those who helped them: start with one of these.
          </p>
          <ul className="gives">
            {refusal.gives.map((g) => (
              <li key={g.text}>
                <span>{g.text}</span>
                <button
                  type="button"
                  onClick={() =>
                    void send({
                      action: 'give',
                      text: g.text,
                      kind: g.kind === 'intro' ? 'intro' : 'favor',
                      channel: 'message',
                    })
                  }
                >
                  I did this
                </button>
              </li>
            ))}
          </ul>
          <div className="row">
            <button
              type="button"
              onClick={() =>
                void send({
                  action: 'ask',
                  text: refusal.text,
                  kind: refusal.kind || undefined,
                  channel: refusal.channel,
                  anyway: true,
                })
              }
            >
              Ask anyway (recorded as unearned)
            </button>
            <button
              type="button"
              onClick={() => {
                setRefusal(undefined);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
