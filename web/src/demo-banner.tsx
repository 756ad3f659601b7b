import { useEffect, useState } from 'react';

/**
 * On every page of `tend serve --demo`: the people are made up and nothing is kept, and how to
 * start with your own. The API answers `/api/demo` only in the demo; elsewhere nothing shows.
 */
export function DemoBanner() {
  const [start, setStart] = useState<string[]>();
  useEffect(() => {
    const ac = new AbortController();
    fetch('/api/demo', { headers: { accept: 'application/json' }, signal: ac.signal })
      .then(async (r) => (r.ok ? ((await r.json()) as { demo: boolean; start: string[] }) : undefined))
      .then((d) => {
        if (d?.demo) setStart(d.start);
      })
      .catch(() => undefined);
    return () => {
      ac.abort();
    };
  }, []);
  if (!start) return null;
  return (
    <aside className="demo-banner" aria-label="Demo">
      <strong>This is a demo:</strong> the people are made up and everything is forgotten when the demo stops.
      To start with your own network, run <code>{start[0]}</code>
      {start[1] && (
        <>
          {' '}
          (and bring your contacts with <code>{start[1]}</code>)
        </>
      )}
      .
    </aside>
  );
}
