/**
 * POST /api/objects/import?org=SLUG&dryRun=true|false&skipInvalid=true|false — the objektlista as the raw body (CSV or
 * XLSX), up to 10 MB; the summary as every import answers it: 200 imported (or a dry run), 422 invalid rows and
 * nothing written. GET /api/objects/template?org=SLUG — the XLSX template: the header row and the active objects.
 */
import { z } from '@hono/zod-openapi';
import { importRoute, templateRoute } from '../../../server/platform/tabular/route';
import { orgFor } from '../../plans/scope';
import { importObjects, OBJECT_IMPORT_MAX_BYTES } from './service';
import { objectsTemplate } from './template';

const tags = ['Digitala objekt / digital objects'];
const Org = { org: z.string().min(1).max(64).openapi({ description: 'Organisationen (kortnamn); objekt matchas i den och dess underorganisationer' }) };

export const objectImportRoutes = [
  importRoute({
    path: '/api/objects/import', tags, permission: 'object.manage', query: Org, summaryName: 'ObjectImportSummary',
    summary: 'Importera objektlistan med KLASSA-klassning från Excel/CSV (en rad per objekt) / import the object list',
    description: 'Format: docs/objects-import.md. Objekt matchas på namn i organisationens underträd; allt eller inget om inte skipInvalid; dryRun skriver inget.',
    maxBytes: OBJECT_IMPORT_MAX_BYTES,
    authorize: (ctx, q) => orgFor(ctx, ctx.db, q.org, 'object.read', 'object.manage'),
    run: (ctx, path, q, info) => importObjects(ctx, path, q, info),
  }),
  templateRoute({
    path: '/api/objects/template', tags, permission: 'object.read', query: Org,
    summary: 'Mall för import av objektlistan (XLSX): rubrikraden och organisationens aktiva objekt / the object import template',
    run: (ctx, q) => objectsTemplate(ctx, q.org),
  }),
];
