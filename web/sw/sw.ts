/**
 * The service worker (built to /sw.js by web/pwa-build.ts). It makes the app work with no
 * network: the app shell — index.html, every hashed script and style, the icons — is precached
 * at install (workbox-precaching, from the list the build injects), and a page load is answered
 * from the network when it answers within 3 seconds, else from the precached shell. A new version
 * takes over at once (skipWaiting + clients.claim) and the app reloads into it, so an upgrade
 * never leaves an old app running (docs/decisions/0017-offline-pwa.md). The API is never cached
 * here: what the user writes offline waits in the app's own queue (web/src/offline/queue.ts).
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  matchPrecache,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: PrecacheEntry[];
declare const __TEND_BUILD__: string;

void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(__PRECACHE__);

// Pages are not cached at run time: a copy kept from an older version could name scripts that
// are gone. With no answer in 3 s, the precached shell of the installed version is the page.
const pages = new NetworkOnly({ networkTimeoutSeconds: 3 });
registerRoute(
  new NavigationRoute(
    async (options) => {
      try {
        const res = await pages.handle(options);
        if (res.ok) return res;
      } catch {
        // No network and no copy of this page: the shell below runs the app's own router.
      }
      return (await matchPrecache('/index.html')) ?? Response.error();
    },
    { denylist: [/^\/api\//, /^\/feed\//] },
  ),
);

/** The app asks which build this worker serves, to tell whether it runs an older one. */
self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === 'build') event.ports[0]?.postMessage({ build: __TEND_BUILD__ });
});

/** A tap on a notification opens (or focuses) the app on the page it names. */
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  const url = typeof data?.url === 'string' ? data.url : '/';
  event.waitUntil(
    (async () => {
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const first = open[0];
      if (first) {
        await first.focus();
        await first.navigate(url).catch(() => undefined);
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
