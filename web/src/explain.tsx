import { useId, useState, type ReactNode } from 'react';
import { terms, type Term } from '../../src/core/vocabulary.js';

/**
 * A term with its short explanation: the label, then a small "?" button that shows the wording
 * from core's `terms` (one source per term). A disclosure, not a hover tooltip: it opens by
 * click, tap or keyboard, and Escape closes it; screen readers hear the button's expanded state.
 */
export function Explain({ term, children }: { term: Term; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const t = terms[term];
  return (
    <span className="explain">
      {children ?? t.label}
      <button
        type="button"
        className="explain-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`What is ${t.label}?`}
        onClick={() => {
          setOpen((o) => !o);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        ?
      </button>
      <span id={id} className="explain-text" role="note" hidden={!open}>
        {t.text}
      </span>
    </span>
  );
}

/** The one-line wording of a term, for a `title` or a sentence. */
export const termText = (term: Term): string => terms[term].text;
