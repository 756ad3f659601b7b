/** Which build the worker now in control serves (it answers on a MessageChannel). */
function workerBuild(worker: ServiceWorker): Promise<string | undefined> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    const timer = setTimeout(() => {
      resolve(undefined);
    }, 3000);
    ch.port1.onmessage = (e: MessageEvent<{ build?: unknown }>) => {
      clearTimeout(timer);
      resolve(typeof e.data.build === 'string' ? e.data.build : undefined);
    };
    worker.postMessage({ type: 'build' }, [ch.port2]);
  });
}

/**
 * Registers the service worker (/sw.js, built by web/pwa-build.ts) once the page has loaded, so
 * that it never competes with the first page for the network. When a worker of another build
 * takes over this page, `tend-updated` is dispatched on window: the page still runs the old
 * scripts and should reload (web/src/offline/update-banner.tsx says so).
 */
export function registerServiceWorker(): void {
  // Under `vite` (development) there is no /sw.js: registering fails quietly.
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return;
    void workerBuild(worker).then((build) => {
      if (build !== undefined && build !== __TEND_BUILD__) window.dispatchEvent(new Event('tend-updated'));
    });
  });
  // register() with the script already registered resolves without looking for a new one, and
  // the browser's own check after a navigation is scheduled as it sees fit (deferred while the
  // page keeps the worker busy). So the app asks at every start, and when it is shown again after
  // a minute or more, so that an upgraded server's worker takes over promptly.
  let lastCheck = 0;
  const check = (reg: ServiceWorkerRegistration): void => {
    lastCheck = Date.now();
    reg.update().catch(() => undefined);
  };
  const start = (): void => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((reg) => {
        check(reg);
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible' && Date.now() - lastCheck >= 60_000) check(reg);
        });
      })
      .catch(() => undefined);
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
