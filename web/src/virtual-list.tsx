import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders only the rows in view (plus a margin) of a list of `count` fixed-height rows, so
 * 30,000 people scroll like 30. The rows are a real list for assistive technology, with
 * aria-setsize and aria-posinset telling where each row is in the whole.
 */
export function VirtualList({
  count,
  rowHeight,
  height,
  label,
  render,
  onRange,
}: {
  count: number;
  rowHeight: number;
  height: string;
  label: string;
  render: (index: number) => ReactNode;
  onRange?: (first: number, last: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = (): void => {
      setView({ top: el.scrollTop, height: el.clientHeight });
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, []);
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
  }, [count]);
  const overscan = 8;
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  useEffect(() => {
    if (count > 0) onRange?.(first, last);
  }, [first, last, count, onRange]);
  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++)
    rows.push(
      <li
        key={i}
        className="vrow"
        style={{ top: i * rowHeight, height: rowHeight }}
        aria-setsize={count}
        aria-posinset={i + 1}
      >
        {render(i)}
      </li>,
    );
  return (
    <div ref={box} className="vlist" style={{ height }} tabIndex={-1}>
      <ul aria-label={label} style={{ height: count * rowHeight }}>
        {rows}
      </ul>
    </div>
  );
}
