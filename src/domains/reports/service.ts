import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, conflict, forbidden, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import type { Permission } from '../../server/platform/permissions';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { findOrg, orgNotFound } from '../org/service';
import type { orgs } from '../org/table';
import { providers, type ReportJson, type ReportOrg } from './build';
import { checkYear } from '../../server/platform/time';
import { checkTextLimits, defaultOutline, normaliseOutline, numberSections, OutlineInput, SectionInput, withProviderSections, type Section } from './outline';
import { RichDocSchema, docToText } from './richtext';
import { reportComments, reports, reportVersions } from './table';
import { int4, YearField } from '../../server/platform/schema';

export type ReportRow = typeof reports.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

export const orgRef = (o: OrgRow): ReportOrg => ({ id: o.id, slug: o.slug, name: o.name, type: o.type, path: o.path });

const reportNotFound = (id: string) => notFound({ sv: `Rapporten "${id}" finns inte.`, en: `Report "${id}" does not exist.` }, 'id');

/** The org by slug/id if the caller may read its reports; 404 naming it otherwise (existence does not leak). */
export async function orgForReports(ctx: Ctx, slug: string): Promise<OrgRow> {
  const org = await findOrg(ctx.db, slug, 'org');
  if (!ctx.authz.can('report.read', org.path)) throw orgNotFound(slug);
  return org;
}

/** A report the caller may read (else 404), and holding `perm` on its org (else 403). */
export async function loadReport(ctx: Ctx, id: string, perm?: Permission, db: Db = ctx.db): Promise<{ report: ReportRow; org: OrgRow }> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw reportNotFound(id);
  const [report] = await db.select().from(reports).where(eq(reports.id, id));
  if (!report) throw reportNotFound(id);
  const org = await findOrg(db, report.orgId);
  if (!ctx.authz.can('report.read', org.path)) throw reportNotFound(id);
  if (perm && !ctx.authz.can(perm, org.path)) throw forbidden();
  return { report, org };
}

export function reportDto(r: ReportRow, org: OrgRow) {
  const outline = r.outline as Section[];
  const numbers = numberSections(outline);
  return {
    id: r.id,
    org: { slug: org.slug, name: org.name, type: org.type },
    year: r.year,
    status: r.status,
    revision: r.revision,
    version: r.version,
    templateId: r.templateId,
    carriedFromVersionId: r.carriedFromVersionId,
    outline: outline.map((s) => ({ ...s, number: numbers.get(s.id) ?? null })),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type ReportDto = ReturnType<typeof reportDto>;

export async function findReport(ctx: Ctx, orgSlug: string, year: number): Promise<ReportDto> {
  checkYear(year);
  const org = await orgForReports(ctx, orgSlug);
  const [r] = await ctx.db.select().from(reports).where(and(eq(reports.orgId, org.id), eq(reports.year, year)));
  if (!r) throw notFound({ sv: `Det finns ingen rapport för ${org.name} år ${year}.`, en: `There is no report for ${org.name} for ${year}.` }, 'year');
  return reportDto(r, org);
}

/** The years the organisation has a report for, newest first, with its id and status: which years exist, without a 404 for each that does not. */
export async function reportYears(ctx: Ctx, orgSlug: string): Promise<{ year: number; id: string; status: string }[]> {
  const org = await orgForReports(ctx, orgSlug);
  return ctx.db.select({ year: reports.year, id: reports.id, status: reports.status }).from(reports).where(eq(reports.orgId, org.id)).orderBy(desc(reports.year));
}

/** Last year's latest approved version, if any: the source of carry forward. */
async function lastApproved(db: Db, orgId: string, year: number) {
  const [v] = await db
    .select({ id: reportVersions.id, json: reportVersions.reportJson })
    .from(reportVersions).innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .where(and(eq(reports.orgId, orgId), eq(reports.year, year)))
    .orderBy(desc(reportVersions.revision)).limit(1);
  return v as { id: string; json: ReportJson } | undefined;
}

export const CreateReport = z.strictObject({
  org: z.string().min(1).max(100),
  year: YearField(),
  /** Copy outline and narrative from last year's approved report (default true). */
  carryForward: z.boolean().optional(),
});

/** Creates the report for an org and year: carried forward from last year's approved report, else the default outline. */
export async function createReport(ctx: Ctx, input: z.infer<typeof CreateReport>): Promise<ReportDto> {
  const year = checkYear(input.year);
  const org = await orgForReports(ctx, input.org);
  if (!ctx.authz.can('report.edit', org.path)) throw forbidden();
  const list = await providers();
  return inTx(ctx, async (tx) => {
    const [exists] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.orgId, org.id), eq(reports.year, year)));
    if (exists) {
      throw conflict('report_exists', { sv: `Det finns redan en rapport för ${org.name} år ${year}.`, en: `A report for ${org.name} for ${year} already exists.` }, 'year', { id: exists.id });
    }
    const prev = input.carryForward === false ? undefined : await lastApproved(tx, org.id, year - 1);
    let outline: Section[];
    let previousFigures: Record<string, unknown> | null = null;
    if (prev) {
      outline = prev.json.outline.map(({ number: _n, ...s }) => s as Section);
      previousFigures = Object.fromEntries(list.filter((p) => p.key in prev.json).map((p) => [p.key, prev.json[p.key]]));
    } else outline = withProviderSections(defaultOutline(org.type), list);
    const [r] = await tx.insert(reports).values({
      orgId: org.id, year, outline, previousFigures, carriedFromVersionId: prev?.id ?? null, createdBy: ctx.principal?.userId ?? null,
    }).returning();
    await recordAudit(tx, ctx, { action: 'report.create', entityType: 'report', entityId: r.id, orgId: org.id, after: { year, carriedFrom: prev?.id ?? null, sections: outline.length } });
    return reportDto(r, org);
  });
}

function assertEditable(r: ReportRow) {
  if (r.status === 'godkand') {
    throw conflict('report_frozen', {
      sv: `Rapporten är godkänd och låst (version ${r.revision}). Skapa ett nytt utkast för att ändra den.`,
      en: `The report is approved and frozen (revision ${r.revision}). Start a new draft to change it.`,
    }, 'status');
  }
}

const outlineSummary = (o: Section[]) => o.map((s) => ({ id: s.id, level: s.level, title: s.title, hidden: s.hidden, provider: s.provider ?? null, textLength: docToText(s.narrative).length, tables: s.tables.length }));

async function saveOutline(ctx: Ctx, id: string, version: number, action: string, change: (r: ReportRow) => { outline: Section[]; templateId?: string | null }) {
  return inTx(ctx, async (tx) => {
    const { report, org } = await loadReport(ctx, id, 'report.edit', tx);
    assertEditable(report);
    if (report.version !== version) throw staleVersion('report', version, reportDto(report, org));
    const next = change(report);
    checkTextLimits(next.outline, report.outline as Section[]);
    const [r] = await tx.update(reports).set({ ...next, version: report.version + 1, updatedAt: new Date() })
      .where(and(eq(reports.id, id), eq(reports.version, version))).returning();
    if (!r) throw staleVersion('report', version, reportDto(report, org));
    await recordAudit(tx, ctx, { action, entityType: 'report', entityId: id, orgId: org.id, before: { version: report.version, outline: outlineSummary(report.outline as Section[]) }, after: { version: r.version, outline: outlineSummary(next.outline), templateId: r.templateId } });
    return reportDto(r, org);
  });
}

export const UpdateReport = z.strictObject({
  version: int4().min(1),
  outline: OutlineInput.optional(),
  templateId: z.uuid().nullable().optional(),
});

/** Replaces the outline (reorder, rename, add, hide sections; narrative as model or editor HTML). */
export async function updateReport(ctx: Ctx, id: string, input: z.infer<typeof UpdateReport>): Promise<ReportDto> {
  return saveOutline(ctx, id, input.version, 'report.update', (r) => ({
    outline: input.outline ? normaliseOutline(input.outline, r.outline as Section[]) : (r.outline as Section[]),
    ...(input.templateId !== undefined ? { templateId: input.templateId } : {}),
  }));
}

export const UpdateSection = z.strictObject({
  version: int4().min(1),
  title: z.string().trim().min(1).max(300).optional(),
  hidden: z.boolean().optional(),
  narrative: RichDocSchema.optional(),
  narrativeHtml: z.string().max(500_000).optional(),
  tables: SectionInput.shape.tables,
});

/** Edits one section: its title, visibility, narrative or manual tables. */
export async function updateSection(ctx: Ctx, id: string, sectionId: string, input: z.infer<typeof UpdateSection>): Promise<ReportDto> {
  return saveOutline(ctx, id, input.version, 'report.section.update', (r) => {
    const outline = r.outline as Section[];
    const i = outline.findIndex((s) => s.id === sectionId);
    if (i < 0) throw notFound({ sv: `Avsnittet "${sectionId}" finns inte i rapporten.`, en: `Section "${sectionId}" is not in the report.` }, 'sectionId');
    const s = outline[i];
    const edited: SectionInput = {
      id: s.id, level: s.level, title: input.title ?? s.title, provider: s.provider, hidden: input.hidden ?? s.hidden,
      narrative: input.narrative, narrativeHtml: input.narrativeHtml, tables: input.tables ?? s.tables,
    };
    const [fixed] = normaliseOutline([{ ...edited, level: 1 }], outline);
    const next = [...outline];
    next[i] = { ...fixed, level: s.level };
    return { outline: next };
  });
}

export const AddComment = z.strictObject({ sectionId: z.string().min(1).max(40), body: z.string().trim().min(1).max(4000) });

function canReview(ctx: Ctx, path: string) {
  if (!ctx.authz.can('report.edit', path) && !ctx.authz.can('report.approve', path)) throw forbidden();
}

export async function addComment(ctx: Ctx, id: string, input: z.infer<typeof AddComment>) {
  return inTx(ctx, async (tx) => {
    const { report, org } = await loadReport(ctx, id, undefined, tx);
    canReview(ctx, org.path);
    if (!(report.outline as Section[]).some((s) => s.id === input.sectionId)) {
      throw badRequest('unknown_section', { sv: `Avsnittet "${input.sectionId}" finns inte i rapporten.`, en: `Section "${input.sectionId}" is not in the report.` }, 'sectionId');
    }
    const [c] = await tx.insert(reportComments).values({
      reportId: id, sectionId: input.sectionId, body: input.body, authorId: ctx.principal?.userId ?? null, authorLabel: ctx.principal?.name ?? ctx.actorLabel ?? 'system',
    }).returning();
    await recordAudit(tx, ctx, { action: 'report.comment', entityType: 'report', entityId: id, orgId: org.id, after: { commentId: c.id, sectionId: c.sectionId, body: c.body } });
    return commentDto(c);
  });
}

const commentDto = (c: typeof reportComments.$inferSelect) => ({ id: c.id, sectionId: c.sectionId, body: c.body, author: c.authorLabel, createdAt: c.createdAt.toISOString() });

export async function listComments(ctx: Ctx, id: string) {
  await loadReport(ctx, id);
  const rows = await ctx.db.select().from(reportComments).where(eq(reportComments.reportId, id)).orderBy(asc(reportComments.createdAt));
  return rows.map(commentDto);
}
