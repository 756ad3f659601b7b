import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Small hand-written SVG charts: no chart library in the bundle. Each chart is an image with a
 * text summary for screen readers, and the numbers stay in the page as a table. A chart is drawn
 * at the width it is shown at (one SVG unit is one CSS pixel), so its labels keep their size on a
 * phone; where the weeks are too narrow for every date, every other date is written.
 */
export interface Series {
  name: string;
  color: string;
  values: number[];
}

const H = 200;
/** Room one date label needs at 12 px. */
const LABEL_W = 40;

/** The width of the chart's box, followed as it resizes. */
function useWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null);
  const [w, setW] = useState(560);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const next = Math.max(240, Math.round(entry.contentRect.width));
      setW((old) => (old === next ? old : next));
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
    };
  }, []);
  return [ref, w];
}
const PAD = { l: 34, r: 10, t: 10, b: 26 };

function scale(max: number): { ticks: number[]; top: number } {
  const top = max <= 4 ? 4 : Math.ceil(max / 4) * 4;
  return { ticks: [0, top / 4, top / 2, (3 * top) / 4, top], top };
}

const short = (day: string): string => day.slice(5).replace('-', '/');

function Axes({ W, labels, top, ticks }: { W: number; labels: string[]; top: number; ticks: number[] }) {
  const ih = H - PAD.t - PAD.b;
  const bw = (W - PAD.l - PAD.r) / Math.max(1, labels.length);
  const every = Math.max(1, Math.ceil(LABEL_W / bw));
  return (
    <g className="axes">
      {ticks.map((t) => {
        const y = PAD.t + ih - (t / top) * ih;
        return (
          <g key={t}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y} y2={y} className="grid" />
            <text x={PAD.l - 6} y={y + 4} textAnchor="end">
              {Number.isInteger(t) ? t : t.toFixed(1)}
            </text>
          </g>
        );
      })}
      {labels.map((l, i) =>
        (labels.length - 1 - i) % every === 0 ? (
          <text key={l} x={PAD.l + bw * i + bw / 2} y={H - 8} textAnchor="middle">
            {short(l)}
          </text>
        ) : null,
      )}
    </g>
  );
}

export function BarChart({
  title,
  labels,
  series,
  stacked = false,
}: {
  title: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
}) {
  const max = Math.max(
    1,
    ...labels.map((_, i) =>
      stacked
        ? series.reduce((s, x) => s + (x.values[i] ?? 0), 0)
        : Math.max(...series.map((x) => x.values[i] ?? 0)),
    ),
  );
  const [box, W] = useWidth();
  const { top, ticks } = scale(max);
  const ih = H - PAD.t - PAD.b;
  const bw = (W - PAD.l - PAD.r) / Math.max(1, labels.length);
  const inner = bw * 0.7;
  const summary = `${title}: ${series.map((s) => `${s.name} ${s.values.reduce((a, b) => a + b, 0)} in total`).join(', ')}`;
  return (
    <figure className="chart" ref={box}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <Axes W={W} labels={labels} top={top} ticks={ticks} />
        {labels.map((l, i) => {
          const x0 = PAD.l + bw * i + (bw - inner) / 2;
          let acc = 0;
          return (
            <g key={l}>
              {series.map((s, k) => {
                const v = s.values[i] ?? 0;
                const h = (v / top) * ih;
                const y = PAD.t + ih - (stacked ? acc + h : h);
                const w = stacked ? inner : inner / series.length;
                const x = stacked ? x0 : x0 + w * k;
                if (stacked) acc += h;
                return (
                  <rect key={s.name} x={x} y={y} width={Math.max(1, w - 2)} height={h} fill={s.color} rx={2}>
                    <title>{`${short(l)} · ${s.name}: ${v}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

export function LineChart({
  title,
  labels,
  series,
  max = 100,
}: {
  title: string;
  labels: string[];
  series: Series[];
  max?: number;
}) {
  const [box, W] = useWidth();
  const { top, ticks } = scale(max);
  const ih = H - PAD.t - PAD.b;
  const bw = (W - PAD.l - PAD.r) / Math.max(1, labels.length);
  const summary = `${title}: ${series.map((s) => `${s.name} from ${s.values[0] ?? 0} to ${s.values[s.values.length - 1] ?? 0}`).join(', ')}`;
  return (
    <figure className="chart" ref={box}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <Axes W={W} labels={labels} top={top} ticks={ticks} />
        {series.map((s) => {
          const pts = s.values.map((v, i) => [PAD.l + bw * i + bw / 2, PAD.t + ih - (v / top) * ih] as const);
          return (
            <g key={s.name}>
              <polyline
                points={pts.map(([x, y]) => `${x},${y}`).join(' ')}
                fill="none"
                stroke={s.color}
                strokeWidth={2.5}
              />
              {pts.map(([x, y], i) => (
                <circle key={labels[i]} cx={x} cy={y} r={3.5} fill={s.color}>
                  <title>{`${short(labels[i] ?? '')} · ${s.name}: ${s.values[i] ?? 0}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.name}>
          <span className="swatch" style={{ background: s.color }} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}
