/**
 * POST /api/suppliers/import?org=SLUG&dryRun=true|false&skipInvalid=true|false — the leverantörsregister as the raw
 * body (CSV or XLSX), up to 10 MB; the summary as every import answers it: 200 imported (or a dry run), 422 invalid
 * rows and nothing written. GET /api/suppliers/template?org=SLUG — the XLSX template: the header row and the active
 * suppliers. Both with the register's edit policy (object.manage), as the page offers them only to those who may edit.
 */
import { z } from '@hono/zod-openapi';
import { importRoute, templateRoute } from '../../../server/platform/tabular/route';
import { orgFor } from '../../plans/scope';
import { importSuppliers, SUPPLIER_IMPORT_MAX_BYTES } from './service';
import { suppliersTemplate } from './template';

const tags = ['Leverantörsregister / supplier register'];
const Org = { org: z.string().min(1).max(64).openapi({ description: 'Organisationen (kortnamn); leverantörer matchas på namn i den, eller i radens Organisation i dess underträd' }) };

export const supplierImportRoutes = [
  importRoute({
    path: '/api/suppliers/import', tags, permission: 'object.manage', query: Org, summaryName: 'SupplierImportSummary',
    summary: 'Importera leverantörsregistret från Excel/CSV (en rad per leverantör) / import the supplier register',
    description: 'Format: docs/suppliers-import.md. Leverantörer matchas på namn (oavsett skiftläge) i organisationen; allt eller inget om inte skipInvalid; dryRun skriver inget.',
    maxBytes: SUPPLIER_IMPORT_MAX_BYTES,
    authorize: (ctx, q) => orgFor(ctx, ctx.db, q.org, 'object.read', 'object.manage'),
    run: (ctx, path, q, info) => importSuppliers(ctx, path, q, info),
  }),
  templateRoute({
    path: '/api/suppliers/template', tags, permission: 'object.manage', query: Org,
    summary: 'Mall för import av leverantörsregistret (XLSX): rubrikraden och organisationens aktiva leverantörer / the supplier import template',
    run: (ctx, q) => suppliersTemplate(ctx, q.org),
  }),
];
