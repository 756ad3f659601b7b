import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders only the rows in view (plus a margin) of a list of `count` fixed-height rows, so
 * 30,000 people scroll like 30. The list is as tall as all its rows and scrolls with the page
 * (no box with a scroll bar of its own, which traps a thumb on a phone); the rows in view are
 * read from where the list sits in the window. The rows are a real list for assistive
 * technology, with aria-setsize and aria-posinset telling where each row is in the whole.
 */
export function VirtualList({
  count,
  rowHeight,
  label,
  render,
  onRange,
}: {
  count: number;
  rowHeight: number;
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
      const top = Math.max(0, -el.getBoundingClientRect().top);
      const height = window.innerHeight;
      setView((v) => (v.top === top && v.height === height ? v : { top, height }));
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
      ro.disconnect();
    };
  }, []);
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
    <div ref={box} className="vlist">
      <ul aria-label={label} style={{ height: count * rowHeight }}>
        {rows}
      </ul>
    </div>
  );
}
