import { useState } from 'react';
import { api } from '../api.js';
import { BarChart, LineChart } from '../charts.js';
import type { Review, ReviewWeek } from '../types.js';
import { Explain } from '../explain.js';
import { ErrorNote, PageHead, useLoad } from '../ui.js';

/** n:1, or in words when there is nothing to divide by: never "∞" nor "3:0". */
const ratio = (r: number | null, a: number, none: string): string =>
  r === null ? (a > 0 ? none : '—') : `${r}:1`;

export default function ReviewPage() {
  const [weeks, setWeeks] = useState(8);
  const { data, error } = useLoad(
    (s) => api<{ review: Review; weeks: ReviewWeek[] }>('GET', `/api/review?weeks=${weeks}`, undefined, s),
    [weeks],
  );
  const r = data?.review;
  const w = data?.weeks ?? [];
  const labels = w.map((x) => x.week);
  return (
    <>
      <PageHead title="Review">
        <label>
          Period{' '}
          <select
            value={weeks}
            onChange={(e) => {
              setWeeks(Number(e.target.value));
            }}
          >
            <option value={4}>4 weeks</option>
            <option value={8}>8 weeks</option>
            <option value={12}>12 weeks</option>
            <option value={26}>26 weeks</option>
          </select>
        </label>
      </PageHead>
      <ErrorNote error={error} />
      {r && (
        <>
          <p className="muted">
            {r.from} to {r.to}
          </p>
          <dl className="kpis">
            <div>
              <dt>
                <Explain term="giveAsk" />
              </dt>
              <dd>{ratio(r.giveAskRatio, r.gave, 'no asks yet')}</dd>
              <dd className="note-line small muted">
                {r.gave} {r.gave === 1 ? 'give' : 'gives'}, {r.asked} {r.asked === 1 ? 'ask' : 'asks'}
                {r.unearnedAsks > 0 ? `, ${r.unearnedAsks} unearned` : ''}
              </dd>
            </div>
            <div>
              <dt>
                <Explain term="realDigital" />
              </dt>
              <dd>{ratio(r.realDigitalRatio, r.real, 'no digital contact yet')}</dd>
              <dd className="note-line small muted">
                {r.real} real, {r.digital} digital
              </dd>
            </div>
            <div>
              <dt>Focus</dt>
              <dd>
                {r.focus.size} / {r.focus.cap}
              </dd>
              <dd className="note-line small muted">
                strength {r.focusStrength.start} → {r.focusStrength.end}
              </dd>
            </div>
            <div>
              <dt>Promises kept</dt>
              <dd>
                {r.promises.kept} / {r.promises.due}
              </dd>
              <dd className="note-line small muted">{r.promises.late} late</dd>
            </div>
            <div>
              <dt>Events succeeded</dt>
              <dd>
                {r.events.succeeded} / {r.events.total}
              </dd>
              <dd className="note-line small muted">{r.introsMade} introductions made</dd>
            </div>
          </dl>
          <div className="charts">
            <BarChart
              title="Gives vs asks per week"
              labels={labels}
              series={[
                { name: 'Gives', color: '#176b52', values: w.map((x) => x.gave) },
                { name: 'Asks', color: '#c2570c', values: w.map((x) => x.asked) },
              ]}
            />
            <BarChart
              title="Real vs digital interactions per week"
              stacked
              labels={labels}
              series={[
                { name: 'Real (in person, call, letter)', color: '#1d4ed8', values: w.map((x) => x.real) },
                { name: 'Digital (message, social)', color: '#94a3b8', values: w.map((x) => x.digital) },
              ]}
            />
            <LineChart
              title="Focus strength (mean, 0–100)"
              labels={labels}
              series={[{ name: 'Focus strength', color: '#7c3aed', values: w.map((x) => x.focusStrength) }]}
            />
            <BarChart
              title="Promises closed per week"
              labels={labels}
              series={[
                {
                  name: 'Kept on time',
                  color: '#176b52',
                  values: w.map((x) => x.promisesKept - x.promisesKeptLate),
                },
                { name: 'Kept late', color: '#ca8a04', values: w.map((x) => x.promisesKeptLate) },
                { name: 'Broken', color: '#b91c1c', values: w.map((x) => x.promisesBroken) },
              ]}
              stacked
            />
          </div>
          <details>
            <summary>The numbers</summary>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col">Gives</th>
                    <th scope="col">Asks</th>
                    <th scope="col">Real</th>
                    <th scope="col">Digital</th>
                    <th scope="col">Focus strength</th>
                    <th scope="col">Promises kept</th>
                  </tr>
                </thead>
                <tbody>
                  {w.map((x) => (
                    <tr key={x.week}>
                      <th scope="row">{x.week}</th>
                      <td>{x.gave}</td>
                      <td>{x.asked}</td>
                      <td>{x.real}</td>
                      <td>{x.digital}</td>
                      <td>{x.focusStrength}</td>
                      <td>{x.promisesKept}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </>
  );
}
