/**
 * POST /api/risks/vor/import?org=SLUG&year=YYYY&dryRun=true|false&skipInvalid=true|false — the VoR sheet as the raw
 * body (CSV or XLSX, recognised by its content), up to 10 MB; the summary `{created, updated, unchanged, rejected,
 * errors, warnings}` as the incident import answers: 200 imported (or a dry run), 422 invalid rows and nothing written.
 * GET /api/risks/vor/template?org=SLUG&year=YYYY — the XLSX template: the header row and the VoR's events, if any.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PlanningYearQuery } from '../../../server/platform/schema';
import { defineRoute, jsonContent, problemContent, type AppEnv } from '../../../server/platform/http';
import { checkContentType, spoolUpload } from '../../../server/platform/tabular/upload';
import { orgFor } from '../common';
import { importVor, VOR_IMPORT_MAX_BYTES, type VorImportResult } from './service';
import { vorTemplate } from './template';

const tags = ['Risker / risks: VoR och IKP'];
const Bool = z.enum(['true', 'false']).optional();
const OrgYear = {
  org: z.string().min(1).max(64).openapi({ description: 'Organisationen vars VoR det gäller (kortnamn eller id)' }),
  year: PlanningYearQuery().openapi({ description: 'VoR-året' }),
};
const ImportQuery = z.object({
  ...OrgYear,
  dryRun: Bool.openapi({ description: 'true: kontrollera och räkna, skriv inget' }),
  skipInvalid: Bool.openapi({ description: 'true: importera giltiga rader, lista resten' }),
});

const Summary = z
  .object({
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    rejected: z.number(),
    errors: z.array(z.object({ line: z.number(), column: z.string().nullable(), reason: z.string(), reason_sv: z.string(), reason_en: z.string() })),
    warnings: z.array(z.string()),
    warnings_sv: z.array(z.string()),
    warnings_en: z.array(z.string()),
  })
  .openapi('VorImportSummary');

const fileBody = z.string().openapi({ format: 'binary' });

const summaryOf = (r: VorImportResult) => {
  const { created, updated, unchanged, rejected, errors, warnings, warnings_sv, warnings_en } = r.summary;
  return { created, updated, unchanged, rejected, errors, warnings, warnings_sv, warnings_en };
};

export const vorImportRoutes = [
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor/import', tags, policy: { permission: 'risk.manage' },
      summary: 'Importera VoR från Excel/CSV (en rad per oönskad händelse) / import a VoR sheet',
      description: 'Format: docs/vor-import.md. Allt eller inget om inte skipInvalid; dryRun skriver inget. En godkänd VoR är låst (409).',
      bodyLimitBytes: VOR_IMPORT_MAX_BYTES,
      request: {
        query: ImportQuery,
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
        409: problemContent('VoR godkänd och låst / VoR approved and locked'),
        413: problemContent('Filen är för stor / file too large'),
        415: problemContent('Fel filtyp / wrong file type'),
        422: jsonContent(Summary, 'Ogiltiga rader, inget skrevs / invalid rows, nothing written'),
      },
    },
    (async (c: Context<AppEnv>) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query' as never) as z.infer<typeof ImportQuery>;
      // Before reading the body: unknown org 404, no risk.manage there 403, wrong type 415.
      await orgFor(ctx, ctx.db, q.org, 'risk.manage');
      checkContentType(c.req.header('content-type'));
      const upload = await spoolUpload(c.req.raw.body, VOR_IMPORT_MAX_BYTES);
      try {
        const r = await importVor(ctx, upload.path, {
          org: q.org, year: q.year, dryRun: q.dryRun === 'true', skipInvalid: q.skipInvalid === 'true', fileName: c.req.header('x-file-name') ?? undefined,
        }, upload.info);
        return c.json(summaryOf(r), r.failed ? 422 : 200);
      } finally {
        await upload.dispose();
      }
    }) as never,
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/vor/template', tags, policy: { permission: 'risk.read' },
      summary: 'Mall för VoR-import (XLSX): rubrikraden och årets händelser / the VoR import template',
      request: { query: z.object(OrgYear) },
      responses: {
        200: { description: 'XLSX', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: fileBody } } },
        404: problemContent('Organisationen finns inte / unknown organisation'),
      },
    },
    (async (c: Context<AppEnv>) => {
      const q = c.req.valid('query' as never) as { org: string; year: number };
      return vorTemplate(c.get('ctx'), q.org, q.year);
    }) as never,
  ),
];
