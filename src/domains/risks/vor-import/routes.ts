/**
 * POST /api/risks/vor/import?org=SLUG&year=YYYY&dryRun=true|false&skipInvalid=true|false — the VoR sheet as the raw
 * body (CSV or XLSX, recognised by its content), up to 10 MB; the summary `{created, updated, unchanged, rejected,
 * errors, warnings}` as the incident import answers: 200 imported (or a dry run), 422 invalid rows and nothing written.
 * GET /api/risks/vor/template?org=SLUG&year=YYYY — the XLSX template: the header row and the VoR's events, if any.
 */
import { z } from '@hono/zod-openapi';
import { PlanningYearQuery } from '../../../server/platform/schema';
import { problemContent } from '../../../server/platform/http';
import { importRoute, templateRoute } from '../../../server/platform/tabular/route';
import { orgFor } from '../common';
import { importVor, VOR_IMPORT_MAX_BYTES } from './service';
import { vorTemplate } from './template';

const tags = ['Risker / risks: VoR och IKP'];
const OrgYear = {
  org: z.string().min(1).max(64).openapi({ description: 'Organisationen vars VoR det gäller (kortnamn eller id)' }),
  year: PlanningYearQuery().openapi({ description: 'VoR-året' }),
};

export const vorImportRoutes = [
  importRoute({
    path: '/api/risks/vor/import', tags, permission: 'risk.manage', query: OrgYear, summaryName: 'VorImportSummary',
    summary: 'Importera VoR från Excel/CSV (en rad per oönskad händelse) / import a VoR sheet',
    description: 'Format: docs/vor-import.md. Allt eller inget om inte skipInvalid; dryRun skriver inget. I en godkänd VoR ändras bara uppföljning och åtgärder; en ny händelse eller ändrad bedömning är en ogiltig rad.',
    maxBytes: VOR_IMPORT_MAX_BYTES,
    responses: { 409: problemContent('VoR:en godkändes under importen / the VoR was approved during the import') },
    authorize: (ctx, q) => orgFor(ctx, ctx.db, q.org, 'risk.manage'),
    run: (ctx, path, q, info) => importVor(ctx, path, q, info),
  }),
  templateRoute({
    path: '/api/risks/vor/template', tags, permission: 'risk.read', query: OrgYear,
    summary: 'Mall för VoR-import (XLSX): rubrikraden och årets händelser / the VoR import template',
    run: (ctx, q) => vorTemplate(ctx, q.org, q.year),
  }),
];
