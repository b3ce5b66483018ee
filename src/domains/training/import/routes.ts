/**
 * POST /api/training/completions/import?org=SLUG&year=YYYY&dryRun=true|false&skipInvalid=true|false — the learning
 * platform's report as the raw body (CSV or XLSX), up to 20 MB; the summary as every import answers it: 200 imported
 * (or a dry run), 422 invalid rows and nothing written. GET /api/training/completions/template?org=SLUG&year=YYYY — the
 * XLSX template (one row per unit and course with the year's figures). Both with the completions' write permission
 * (plan.manage), as the page offers them only to those who may edit.
 */
import { z } from '@hono/zod-openapi';
import { YearQuery } from '../../../server/platform/schema';
import { importRoute, templateRoute } from '../../../server/platform/tabular/route';
import { orgFor } from '../../plans/scope';
import { importTraining, TRAINING_IMPORT_MAX_BYTES } from './service';
import { trainingTemplate } from './template';

const tags = ['Utbildning / training'];
const org = z.string().min(1).max(64).openapi({ description: 'Organisationen (kortnamn); radernas Enhet är den eller en organisation i dess underträd' });

export const trainingImportRoutes = [
  importRoute({
    path: '/api/training/completions/import', tags, permission: 'plan.manage',
    query: { org, year: YearQuery().optional().openapi({ description: 'Året raderna gäller; krävs om filen inte har kolumnen År (alltid för en rapport per person)' }) },
    summaryName: 'TrainingImportSummary',
    summary: 'Importera genomförandegrad för e-utbildningar från Excel/CSV (per enhet och kurs, eller lärplattformens rapport per person) / import e-course completion',
    description: 'Format: docs/training-import.md. Genomföranden matchas på organisation, år och kurs (oavsett skiftläge); en rapport per person räknas, personerna sparas inte; allt eller inget om inte skipInvalid; dryRun skriver inget.',
    maxBytes: TRAINING_IMPORT_MAX_BYTES,
    authorize: (ctx, q) => orgFor(ctx, ctx.db, q.org, 'plan.read', 'plan.manage'),
    run: (ctx, path, q, info) => importTraining(ctx, path, q, info),
  }),
  templateRoute({
    path: '/api/training/completions/template', tags, permission: 'plan.manage', query: { org, year: YearQuery() },
    summary: 'Mall för import av genomförandegrad (XLSX): en rad per enhet och kurs med årets antal / the completion import template',
    run: (ctx, q) => trainingTemplate(ctx, q.org, q.year),
  }),
];
