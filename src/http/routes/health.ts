import type { RouteModule } from './types.js';

/** A constant answer: liveness for a load balancer, and the benchmark's floor route. */
export const healthRoutes: RouteModule = (app) => {
  app.get('/health', { schema: { tags: ['meta'], summary: 'liveness: a static answer' } }, () => ({
    ok: true,
  }));
};
