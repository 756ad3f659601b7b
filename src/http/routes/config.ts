import { z } from 'zod';
import { getSetting, setSetting } from '../../app/config.js';
import { refuseOperatorSettings } from '../../core/team-settings.js';
import { failures } from './schemas.js';
import type { RouteModule } from './types.js';

const keyParam = z.object({
  key: z.string().trim().min(1).max(100).describe('e.g. focusCap or weights.intro'),
});

/**
 * `/api/config`: every number of the engine (`tend config get|set|unset`). On a team server the
 * mail settings are the operator's and are refused (src/core/team-settings.ts).
 */
export const configRoutes: RouteModule = (app, { ctx, team = false }) => {
  app.get('/config', { schema: { tags: ['config'], summary: 'all settings' } }, async () => ({
    settings: getSetting(await ctx()),
  }));

  app.put(
    '/config/:key',
    {
      schema: {
        tags: ['config'],
        summary:
          "set a setting (validated); value null goes back to the default. Team mode refuses smtp.* and digest.from (the operator's)",
        params: keyParam,
        body: z.object({ value: z.union([z.number(), z.string().max(200), z.boolean(), z.null()]) }),
        errors: failures(400),
      },
    },
    async (req) => {
      const v = req.body.value;
      if (team) refuseOperatorSettings([req.params.key]);
      return setSetting(await ctx(), req.params.key, typeof v === 'boolean' ? String(v) : v);
    },
  );
};
