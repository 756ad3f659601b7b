import { useCallback, useEffect, useRef, useState, type SubmitEvent } from 'react';
import { api, qs } from '../api.js';
import { circles } from '../constants.js';
import { Link, navigate } from '../router.js';
import type { Circle, PersonSummary, Warning } from '../types.js';
import { AddPersonError, Badge, ErrorNote, Meter, PageHead, fmtBalance, useDebounced } from '../ui.js';
import { VirtualList } from '../virtual-list.js';

const PAGE = 100;
const ROW = 64;

interface Filter {
  search: string;
  circle: '' | Circle;
  tag: string;
  toolOnly: boolean;
}

/**
 * The server searches; the browser holds only the pages in view. A new filter starts a new
 * generation and answers for an older one are dropped, so fast typing never shows stale rows.
 */
function usePeople(f: Filter) {
  const [state, setState] = useState<{
    total: number;
    rows: Map<number, PersonSummary>;
    gen: number;
    error?: unknown;
  }>({
    total: 0,
    rows: new Map(),
    gen: 0,
  });
  const gen = useRef(0);
  const asked = useRef(new Set<number>());
  const query = useCallback(
    (offset: number) =>
      qs({
        search: f.search.trim() || undefined,
        circle: f.circle || undefined,
        tag: f.tag.trim() || undefined,
        toolOnly: f.toolOnly ? true : undefined,
        limit: PAGE,
        offset,
      }),
    [f.search, f.circle, f.tag, f.toolOnly],
  );
  const fetchPage = useCallback(
    (page: number, g: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      api<{ total: number; people: PersonSummary[] }>('GET', `/api/people${query(page * PAGE)}`)
        .then((res) => {
          if (g !== gen.current) return;
          setState((s) => {
            const rows = new Map(s.rows);
            res.people.forEach((p, i) => rows.set(page * PAGE + i, p));
            return { total: res.total, rows, gen: g };
          });
        })
        .catch((error: unknown) => {
          if (g === gen.current) setState((s) => ({ ...s, error }));
        });
    },
    [query],
  );
  useEffect(() => {
    gen.current += 1;
    asked.current = new Set();
    const g = gen.current;
    setState((s) => ({ total: s.total, rows: new Map(), gen: g }));
    fetchPage(0, g);
  }, [fetchPage]);
  const onRange = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) fetchPage(p, gen.current);
    },
    [fetchPage],
  );
  const reload = (): void => {
    gen.current += 1;
    asked.current = new Set();
    const g = gen.current;
    setState({ total: 0, rows: new Map(), gen: g });
    fetchPage(0, g);
  };
  return { ...state, onRange, reload };
}

function AddPerson({ onAdded }: { onAdded: (id: number) => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const last = useRef<Record<string, unknown>>({});
  const post = async (body: Record<string, unknown>): Promise<void> => {
    last.current = body;
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<{ person: { id: number }; warnings: Warning[] }>('POST', '/api/people', body);
      onAdded(res.person.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = async (e: SubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string): string | undefined => {
      const v = form.get(k);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    await post({
      name: text('name') ?? '',
      met: text('met'),
      company: text('company'),
      title: text('title'),
      tags: (text('tags') ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      circle: text('circle'),
    });
  };
  return (
    <form className="panel grid-form" onSubmit={(e) => void submit(e)} aria-label="Add a person">
      <label>
        Name <span className="req">(required)</span>
        <input name="name" required autoFocus autoComplete="off" />
      </label>
      <label>
        Where or how you met
        <input name="met" autoComplete="off" placeholder="PGConf Berlin" />
      </label>
      <label>
        Company
        <input name="company" autoComplete="off" />
      </label>
      <label>
        Title
        <input name="title" autoComplete="off" />
      </label>
      <label>
        Tags <span className="muted">(comma separated)</span>
        <input name="tags" autoComplete="off" placeholder="fintech, berlin" />
      </label>
      <label>
        Circle
        <select name="circle" defaultValue="network">
          <option value="network">Network</option>
          <option value="focus">Focus</option>
          <option value="pool">Pool</option>
        </select>
      </label>
      <div className="row span">
        <button className="primary" type="submit" disabled={busy}>
          Add person
        </button>
      </div>
      <AddPersonError error={error} onAnyway={() => void post({ ...last.current, new: true })} />
    </form>
  );
}

export default function PeoplePage() {
  const [input, setInput] = useState<Filter>({ search: '', circle: '', tag: '', toolOnly: false });
  const search = useDebounced(input.search, 150);
  const tag = useDebounced(input.tag, 250);
  const filter = { ...input, search, tag };
  const { total, rows, onRange, reload, error } = usePeople(filter);
  const [selected, setSelected] = useState(new Set<number>());
  const [adding, setAdding] = useState(false);
  const [moveError, setMoveError] = useState<unknown>();
  const [moved, setMoved] = useState<string>();

  const move = async (people?: number[]): Promise<void> => {
    setMoveError(undefined);
    try {
      const res = await api<{ moved: number }>('POST', '/api/people/move', {
        circle: 'network',
        ...(people
          ? { people: people.map(String) }
          : {
              from: 'pool',
              search: filter.search.trim() || undefined,
              tag: filter.tag.trim() || undefined,
              toolOnly: filter.toolOnly || undefined,
            }),
      });
      setMoved(`Moved ${res.moved} ${res.moved === 1 ? 'person' : 'people'} to your network.`);
      setSelected(new Set());
      reload();
    } catch (e) {
      setMoveError(e);
    }
  };

  const toggle = (id: number): void => {
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  };

  return (
    <>
      <PageHead title="People">
        <button
          type="button"
          className="primary"
          onClick={() => {
            setAdding((a) => !a);
          }}
          aria-expanded={adding}
        >
          {adding ? 'Close' : 'Add person'}
        </button>
      </PageHead>
      {adding && (
        <AddPerson
          onAdded={(id) => {
            navigate(`/people/${id}`);
          }}
        />
      )}
      <div className="filters" role="search">
        <label className="grow">
          Search
          <input
            type="search"
            value={input.search}
            onChange={(e) => {
              setInput({ ...input, search: e.target.value });
            }}
            placeholder="Names, companies, notes, needs, offers"
            autoComplete="off"
          />
        </label>
        <label>
          Circle
          <select
            value={input.circle}
            onChange={(e) => {
              setInput({ ...input, circle: e.target.value as Filter['circle'] });
            }}
          >
            <option value="">All but archived</option>
            {circles.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <input
            value={input.tag}
            onChange={(e) => {
              setInput({ ...input, tag: e.target.value });
            }}
            autoComplete="off"
            size={10}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={input.toolOnly}
            onChange={(e) => {
              setInput({ ...input, toolOnly: e.target.checked });
            }}
          />
          Tool-only
        </label>
      </div>
      <div className="row between">
        <p className="muted" aria-live="polite">
          {total.toLocaleString()} {total === 1 ? 'person' : 'people'}
        </p>
        <div className="row">
          {selected.size > 0 && (
            <button type="button" onClick={() => void move([...selected])}>
              Move {selected.size} selected to network
            </button>
          )}
          {input.circle === 'pool' && total > 0 && (
            <button type="button" onClick={() => void move()}>
              Move all {total.toLocaleString()} to network
            </button>
          )}
        </div>
      </div>
      {moved && (
        <p className="note good" role="status">
          {moved}
        </p>
      )}
      <ErrorNote error={moveError ?? error} />
      <VirtualList
        count={total}
        rowHeight={ROW}
        label="People"
        onRange={onRange}
        render={(i) => {
          const s = rows.get(i);
          if (!s) return <div className="prow placeholder" aria-hidden="true" />;
          const p = s.person;
          return (
            <div className="prow">
              <input
                type="checkbox"
                aria-label={`Select ${p.name}`}
                checked={selected.has(p.id)}
                onChange={() => {
                  toggle(p.id);
                }}
              />
              <div className="pmain">
                <Link href={`/people/${p.id}`} className="pname">
                  {p.name}
                </Link>
                <span className="muted small">
                  {[p.title, p.company].filter(Boolean).join(' at ') || p.met || '—'}
                </span>
              </div>
              <span className="pbadges">
                <Badge tone={p.circle === 'focus' ? 'good' : p.circle === 'network' ? 'info' : 'plain'}>
                  {p.circle}
                </Badge>
                {s.toolOnly ? <Badge tone="warn">tool-only</Badge> : <span className="badge-space" />}
              </span>
              <span
                className="pstrength"
                title={`strength ${Math.round(s.strength)}, balance ${fmtBalance(s.balance)}`}
              >
                <Meter value={s.strength} label={`${p.name}: strength`} />
              </span>
            </div>
          );
        }}
      />
    </>
  );
}
