import type { RouteModule } from './types.js';

/** How to leave the demo for your own network: the commands the banner shows. */
export const startOwn = ['tend serve', 'tend import linkedin Connections.csv'] as const;

/**
 * `/api/demo`, registered only by `tend serve --demo`: the web app shows a banner on every page
 * while it answers (made-up people, a temporary database), with how to start with your own data.
 */
export const demoRoutes: RouteModule = (app) => {
  app.get(
    '/demo',
    { schema: { tags: ['meta'], summary: 'present only in the demo: the network is made up and temporary' } },
    () => ({ demo: true, start: startOwn }),
  );
};
