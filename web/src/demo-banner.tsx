import { useEffect, useState } from 'react';
import { api, hasRoute } from './api.js';

/**
 * On every page of `tend serve --demo`: the people are made up and nothing is kept, and how to
 * start with your own. Only the demo serves `/api/demo`; the API's own description says whether
 * it is there, so a real network never asks for it (nor logs a 404).
 */
export function DemoBanner() {
  const [start, setStart] = useState<string[]>();
  useEffect(() => {
    const ac = new AbortController();
    void hasRoute('/api/demo')
      .then((demo) =>
        demo ? api<{ demo: boolean; start: string[] }>('GET', '/api/demo', undefined, ac.signal) : undefined,
      )
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
