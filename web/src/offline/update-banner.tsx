import { useEffect, useState } from 'react';

/**
 * Shown when a new version of the app took over while this page was open: the page still runs
 * the old scripts, whose lazily loaded pages the new version no longer serves. A hidden page
 * reloads by itself; a visible one asks, so nothing being typed is lost.
 */
export function UpdateBanner() {
  const [updated, setUpdated] = useState(false);
  useEffect(() => {
    const on = (): void => {
      if (document.visibilityState === 'hidden') location.reload();
      else setUpdated(true);
    };
    window.addEventListener('tend-updated', on);
    return () => {
      window.removeEventListener('tend-updated', on);
    };
  }, []);
  if (!updated) return null;
  return (
    <div className="note update-banner" role="status">
      <span>A new version of Tend is ready.</span>
      <button
        type="button"
        className="primary"
        onClick={() => {
          location.reload();
        }}
      >
        Reload
      </button>
    </div>
  );
}
