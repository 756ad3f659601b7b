import { z } from 'zod';
import { exportTo, exportFormats } from '../../app/export.js';
import { importBytes } from '../../app/import.js';
import { acceptFileBodies, failures, requireFileBody, uploadLimit } from './schemas.js';
import type { RouteModule } from './types.js';

const contentTypes: Record<(typeof exportFormats)[number], string> = {
  json: 'application/json; charset=utf-8',
  vcard: 'text/vcard; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
};
const extensions: Record<(typeof exportFormats)[number], string> = {
  json: 'json',
  vcard: 'vcf',
  csv: 'csv',
  ics: 'ics',
};

/** `/api/import` and `/api/export`: the same use cases as `tend import` and `tend export`. */
export const transferRoutes: RouteModule = (app, { ctx }) => {
  acceptFileBodies(app);

  app.post(
    '/import',
    {
      bodyLimit: uploadLimit,
      schema: {
        tags: ['import'],
        summary:
          'import a LinkedIn Connections.csv, vCard or Google Contacts CSV sent as the raw body (application/octet-stream); dryRun shows what would happen and writes nothing',
        querystring: z.object({
          format: z.enum(['linkedin', 'vcard', 'google']),
          dryRun: z.enum(['true', 'false']).default('false'),
          strict: z.enum(['true', 'false']).default('false'),
          filename: z.string().max(255).default('upload'),
        }),
        consumes: ['application/octet-stream'],
        body: z.any().describe('the file exactly as the service exported it'),
        errors: failures(400, 413),
      },
    },
    async (req, reply) => {
      const body = requireFileBody(req.body);
      const summary = await importBytes(await ctx(), {
        format: req.query.format,
        file: req.query.filename,
        dryRun: req.query.dryRun === 'true',
        strict: req.query.strict === 'true',
        bytes: Uint8Array.from(body),
      });
      return reply.code(req.query.dryRun === 'true' ? 200 : 201).send(summary);
    },
  );

  app.get(
    '/export',
    {
      schema: {
        tags: ['export'],
        summary: 'a full JSON backup, or people as vCard 4.0 / CSV, or promises and follow-ups as ICS',
        querystring: z.object({ format: z.enum(exportFormats) }),
        errors: failures(400),
      },
    },
    async (req, reply) => {
      const format = req.query.format;
      const result = await exportTo(await ctx(), format);
      return (
        reply
          .header('content-type', contentTypes[format])
          .header('content-disposition', `attachment; filename="tend.${extensions[format]}"`)
          // A whole backup of someone's network: never kept by a browser or a proxy.
          .header('cache-control', 'no-store')
          .send(result.content ?? '')
      );
    },
  );
};
