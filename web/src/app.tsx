import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { api } from './api.js';
import { DemoBanner } from './demo-banner.js';
import { PendingBadge } from './offline/pending.js';
import { UpdateBanner } from './offline/update-banner.js';
import { Link, navigate, usePath } from './router.js';
import { useAccount } from './team/gate.js';
import type { MyItems } from './types.js';

// Every page is its own chunk: the first page loads only what it shows.
const pages = {
  today: lazy(() => import('./pages/today.js')),
  people: lazy(() => import('./pages/people.js')),
  person: lazy(() => import('./pages/person.js')),
  focus: lazy(() => import('./pages/focus.js')),
  events: lazy(() => import('./pages/events.js')),
  capture: lazy(() => import('./pages/capture.js')),
  intros: lazy(() => import('./pages/intros.js')),
  review: lazy(() => import('./pages/review.js')),
  import: lazy(() => import('./pages/import.js')),
  captured: lazy(() => import('./capture-page.js')),
  reminders: lazy(() => import('./pages/reminders.js')),
  welcome: lazy(() => import('./pages/welcome.js')),
  account: lazy(() => import('./pages/account.js')),
  communities: lazy(() => import('./pages/communities.js')),
  community: lazy(() => import('./pages/community.js')),
  join: lazy(() => import('./pages/join.js')),
};

const nav = [
  ['/', 'Today'],
  ['/people', 'People'],
  ['/focus', 'Focus'],
  ['/events', 'Events'],
  ['/capture', 'Capture'],
  ['/intros', 'Introductions'],
  ['/review', 'Review'],
  ['/import', 'Import'],
  ['/captured', 'Meetings & mail'],
  ['/reminders', 'Reminders'],
] as const;
/** Team mode only (the gate found a signed-in account): docs/decisions/0019 and 0021. */
const teamNav = [['/communities', 'Communities']] as const;

function route(path: string): { Page: ComponentType<{ id?: string }>; id?: string; section: string } {
  const person = /^\/people\/([^/]+)$/.exec(path);
  if (person?.[1]) return { Page: pages.person, id: decodeURIComponent(person[1]), section: '/people' };
  // `/communities/<id>/<section>`: the page reads both from its id.
  const community = /^\/communities\/([^/]+(?:\/[a-z]+)?)$/.exec(path);
  if (community?.[1]) return { Page: pages.community, id: community[1], section: '/communities' };
  const join = /^\/join\/([^/]+)$/.exec(path);
  if (join?.[1]) return { Page: pages.join, id: decodeURIComponent(join[1]), section: '/communities' };
  const map: Record<string, keyof typeof pages> = {
    '/': 'today',
    '/people': 'people',
    '/focus': 'focus',
    '/events': 'events',
    '/capture': 'capture',
    '/intros': 'intros',
    '/review': 'review',
    '/import': 'import',
    '/captured': 'captured',
    '/reminders': 'reminders',
    '/welcome': 'welcome',
    '/account': 'account',
    '/communities': 'communities',
  };
  const key = map[path] ?? 'today';
  return { Page: pages[key], section: path in map ? path : '/' };
}

export function App() {
  const path = usePath();
  const { Page, id, section } = route(path);
  const account = useAccount();
  const links = account ? [...nav, ...teamNav] : nav;
  const [checked, setChecked] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  // On a phone the sections are behind a menu button: a navigation closes it; while open, the
  // first link has focus and Escape closes it, handing focus back to the button.
  useEffect(() => {
    setMenuOpen(false);
  }, [path]);
  useEffect(() => {
    if (!menuOpen) return;
    document.querySelector<HTMLElement>('#main-nav a')?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    // A tap outside the bar, or Tab past its last link, closes it too.
    const outside = (e: Event): void => {
      if (!(e.target instanceof Node) || !document.querySelector('header.top')?.contains(e.target))
        setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [menuOpen]);

  // Today's agenda as a notification, once a day, when the user turned them on (loaded only then).
  useEffect(() => {
    const check = (): void => {
      if (document.visibilityState !== 'visible' || localStorage.getItem('tend.notify') !== 'on') return;
      void import('./offline/notify.js').then((m) => m.notifyToday()).catch(() => undefined);
    };
    check();
    document.addEventListener('visibilitychange', check);
    return () => {
      document.removeEventListener('visibilitychange', check);
    };
  }, []);

  // First run: an empty database leads through offers, needs and the first people.
  useEffect(() => {
    if (checked) return;
    setChecked(true);
    if (path !== '/' || localStorage.getItem('tend.welcomed') === '1') return;
    void Promise.all([api<MyItems>('GET', '/api/me'), api<{ total: number }>('GET', '/api/people?limit=1')])
      .then(([me, people]) => {
        if (me.offers.length + me.needs.length === 0 && people.total === 0) navigate('/welcome');
      })
      .catch(() => undefined);
  }, [checked, path]);

  // Move focus to the new page's heading so keyboard and screen-reader users land on it — after a
  // navigation only: on a fresh load the browser starts at the top, where the skip link is. Pages
  // load lazily, so the heading may appear a little later: wait for it (at most 5 s).
  const shownPath = useRef(path);
  useEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    let done = false;
    // While the next page loads, React keeps the old one mounted but hidden (its heading too), so
    // only a visible heading counts, and only a focus that took.
    const tryFocus = (): void => {
      if (done) return;
      const title = [...document.querySelectorAll<HTMLElement>('#page-title')].find(
        (h) => h.getClientRects().length > 0,
      );
      if (!title) return;
      title.focus({ preventScroll: true });
      if (document.activeElement !== title) return;
      done = true;
      observer.disconnect();
    };
    const observer = new MutationObserver(tryFocus);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['style'],
    });
    const first = setTimeout(tryFocus, 50);
    const stop = setTimeout(() => {
      observer.disconnect();
    }, 5000);
    return () => {
      done = true;
      observer.disconnect();
      clearTimeout(first);
      clearTimeout(stop);
    };
  }, [path]);

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className={account ? 'top team' : 'top'}>
        <Link href="/" className="brand" aria-label="Tend, today">
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
            <circle cx="16" cy="16" r="14" fill="currentColor" />
            <path d="M16 24c-5-3-7-7-6-12 4 0 7 2 6 12zm0 0c5-3 7-7 6-12-4 0-7 2-6 12z" fill="#fff" />
          </svg>
          Tend
        </Link>
        <PendingBadge />
        <button
          ref={menuButton}
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => {
            setMenuOpen((o) => !o);
          }}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          Menu
        </button>
        <nav aria-label="Main" id="main-nav" className={menuOpen ? 'open' : undefined}>
          <ul>
            {links.map(([href, label]) => (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={section === href ? 'page' : undefined}
                  onClick={() => {
                    setMenuOpen(false);
                  }}
                >
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {account && (
          <Link
            href="/account"
            className="account-link"
            aria-label={`Account: ${account.name}`}
            title={`Account: ${account.name} (${account.email})`}
            aria-current={section === '/account' ? 'page' : undefined}
          >
            <span aria-hidden="true">{account.name.trim().slice(0, 1).toUpperCase() || '?'}</span>
          </Link>
        )}
      </header>
      <DemoBanner />
      <UpdateBanner />
      <main id="main">
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Page {...(id !== undefined ? { id } : {})} />
        </Suspense>
      </main>
      <footer className="build muted small">Tend · build {__TEND_BUILD__}</footer>
    </>
  );
}
