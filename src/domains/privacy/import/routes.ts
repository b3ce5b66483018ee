/**
 * POST /api/privacy/activities/import?org=SLUG&dryRun=true|false&skipInvalid=true|false — the registerförteckning as the
 * raw body (CSV or XLSX), up to 10 MB; the summary as every import answers it: 200 imported (or a dry run), 422 invalid
 * rows and nothing written. GET /api/privacy/activities/template?org=SLUG — the XLSX template: the header row and the
 * active processing activities.
 */
import { z } from '@hono/zod-openapi';
import { importRoute, templateRoute } from '../../../server/platform/tabular/route';
import { orgFor } from '../../plans/scope';
import { importActivities, PRIVACY_IMPORT_MAX_BYTES } from './service';
import { privacyTemplate } from './template';

const tags = ['Registerförteckning / record of processing activities'];
const Org = { org: z.string().min(1).max(64).openapi({ description: 'Organisationen (kortnamn); behandlingar matchas i den och dess underorganisationer' }) };

export const privacyImportRoutes = [
  importRoute({
    path: '/api/privacy/activities/import', tags, permission: 'privacy.manage', query: Org, summaryName: 'PrivacyImportSummary',
    summary: 'Importera registerförteckningen från Excel/CSV (DraftIT, IMY:s mall; en rad per behandling) / import the record of processing activities',
    description: 'Format: docs/privacy-import.md. Behandlingar matchas på namn i organisationens underträd; status importeras aldrig som godkänd; '
      + 'en ändrad godkänd behandling blir utkast; allt eller inget om inte skipInvalid; dryRun skriver inget.',
    maxBytes: PRIVACY_IMPORT_MAX_BYTES,
    authorize: (ctx, q) => orgFor(ctx, ctx.db, q.org, 'privacy.read', 'privacy.manage'),
    run: (ctx, path, q, info) => importActivities(ctx, path, q, info),
  }),
  templateRoute({
    path: '/api/privacy/activities/template', tags, permission: 'privacy.read', query: Org,
    summary: 'Mall för import av registerförteckningen (XLSX): rubrikraden och organisationens aktiva behandlingar / the import template',
    run: (ctx, q) => privacyTemplate(ctx, q.org),
  }),
];
