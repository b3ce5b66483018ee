/**
 * POST /api/incidents/import?org=SLUG&dryRun=true|false&skipInvalid=true|false — the file is the raw body
 * (CSV or XLSX; XLSX is recognised by its ZIP signature, whatever the Content-Type says), up to 200 MB.
 *
 * Answer: the import summary `{created, updated, unchanged, rejected, errors, warnings}`; 200 when the import
 * went through (or a dry run found nothing wrong), 422 with the same summary when rows are invalid and nothing
 * was written. The UI's flow: upload with dryRun=true (shows the counts and every bad row, writes nothing),
 * then the same file with dryRun=false.
 *
 * Progress: send `Accept: application/x-ndjson` and the answer streams one JSON object per line:
 * `{"type":"progress","rows":N,"bytes":B,"totalBytes":T}` while the import runs (at most 4 a second), then
 * `{"type":"result","status":200|422, ...summary}` (or `{"type":"error", ...problem}`). The HTTP status is then
 * 200 as soon as the upload was accepted; the last line carries the outcome. Upload progress itself is the
 * browser's (XMLHttpRequest upload events). No job state is kept on the server, so it works behind any
 * load balancer and nothing is left behind when the client goes away.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { defineRoute, jsonContent, problemContent, type AppEnv } from '../../../server/platform/http';
import { AppError, forbidden } from '../../../server/platform/errors';
import { findOrg } from '../../org/service';
import { importIncidents } from './service';
import { checkContentType, IMPORT_MAX_BYTES, spoolUpload, uploadedFileName } from '../../../server/platform/tabular/upload';
import { fileBody, importFlags, importSummarySchema, summaryAnswer } from '../../../server/platform/tabular/route';

const Query = z.object({
  org: z.string().min(1).openapi({ description: 'Organisationen vars IA-register filen kommer från (kortnamn)' }),
  ...importFlags,
});

const Summary = importSummarySchema('IncidentImportSummary');

export const routes = [
  defineRoute(
    {
      method: 'post',
      path: '/api/incidents/import',
      tags: ['Incidenter'],
      summary: 'Importera incidenter från en IA-export (CSV/XLSX) / import incidents from an IA export',
      policy: { permission: 'incident.manage' },
      bodyLimitBytes: IMPORT_MAX_BYTES,
      request: {
        query: Query,
        body: {
          content: {
            'text/csv': { schema: fileBody },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: fileBody },
            'application/octet-stream': { schema: fileBody },
          },
        },
      },
      responses: {
        200: jsonContent(Summary, 'Importerad (eller provkörd) / imported (or dry run)'),
        404: problemContent('Organisationen finns inte / unknown organisation'),
        413: problemContent('Filen är för stor / file too large'),
        415: problemContent('Fel filtyp / wrong file type'),
        422: jsonContent(Summary, 'Ogiltiga rader, inget skrevs / invalid rows, nothing written'),
      },
    },
    (async (c: Context<AppEnv>) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query' as never) as z.infer<typeof Query>;
      // Fail fast, before reading a large body: unknown org 404, no incident.manage there 403, wrong type 415.
      const org = await findOrg(ctx.db, q.org);
      if (!ctx.authz.can('incident.manage', org.path)) throw forbidden();
      checkContentType(c.req.header('content-type'));
      const upload = await spoolUpload(c.req.raw.body);
      const opts = { org: org.slug, dryRun: q.dryRun === 'true', skipInvalid: q.skipInvalid === 'true', fileName: uploadedFileName(c.req.header('x-file-name')) };
      const streaming = (c.req.header('accept') ?? '').includes('application/x-ndjson');
      if (!streaming) {
        try {
          const r = await importIncidents(ctx, upload.path, opts, upload.info);
          return c.json(summaryAnswer(r.summary), r.failed ? 422 : 200);
        } finally {
          await upload.dispose();
        }
      }
      const enc = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(ctrl) {
          const send = (o: unknown) => {
            try {
              ctrl.enqueue(enc.encode(JSON.stringify(o) + '\n'));
            } catch {
              /* client went away; the import still finishes or rolls back on its own */
            }
          };
          let last = 0;
          try {
            const r = await importIncidents(ctx, upload.path, {
              ...opts,
              onProgress: (p) => {
                if (Date.now() - last < 250) return;
                last = Date.now();
                send({ type: 'progress', ...p });
              },
            }, upload.info);
            send({ type: 'result', status: r.failed ? 422 : 200, ...summaryAnswer(r.summary) });
          } catch (err) {
            if (err instanceof AppError) send({ ...err.toProblem(ctx.lang), type: 'error' });
            else {
              ctx.log.error({ err }, 'import failed');
              send({ type: 'error', status: 500, detail_sv: 'Ett internt fel inträffade.', detail_en: 'An internal error occurred.' });
            }
          } finally {
            await upload.dispose();
            try {
              ctrl.close();
            } catch {
              /* already closed */
            }
          }
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } });
    }) as never,
  ),
];
