import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { badRequest, conflict, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import type { Permission } from '../../server/platform/permissions';
import { defaultAsOfDay, stockholmDate } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { assertComplete } from '../review/iso93';
import { buildReportJson, figureKeys, type ReportJson } from './build';
import { reportIso93 } from './iso93';
import { coverageJson } from './iso93-coverage';
import { renderReport, type Format } from './render/index';
import { renderOffThread } from './render/pool';
import { textDiff } from './diff';
import { docToText } from './richtext';
import type { Section } from './outline';
import { findReport, loadReport, orgRef, reportDto, type ReportRow } from './service';
import { reports, reportTemplates, reportVersions } from './table';
import { findOrg } from '../org/service';
import { liveStatus } from './blocks';

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A report's status in words, for messages. */
const STATUS_NAME: Record<string, { sv: string; en: string }> = {
  utkast: { sv: 'Utkast', en: 'draft' }, under_granskning: { sv: 'Under granskning', en: 'in review' }, godkand: { sv: 'Godkänd', en: 'approved' },
};
const statusName = (status: string, lang: 'sv' | 'en') => STATUS_NAME[status]?.[lang] ?? status;

function transitionError(r: ReportRow, to: string) {
  if (r.status === 'godkand' && to === 'godkand') {
    return conflict('already_approved', { sv: `Rapporten är redan godkänd (version ${r.revision}).`, en: `The report is already approved (revision ${r.revision}).` }, 'status');
  }
  return conflict('invalid_transition', {
    sv: `Rapporten har status ${statusName(r.status, 'sv')} och kan inte gå till ${statusName(to, 'sv')}.`,
    en: `The report is ${statusName(r.status, 'en')} and cannot move to ${statusName(to, 'en')}.`,
  }, 'status', { reportStatus: r.status });
}

async function transition(ctx: Ctx, id: string, version: number, perm: Permission, from: string[], to: string, action: string, extra: Partial<ReportRow> = {}) {
  return inTx(ctx, async (tx) => {
    const { report, org } = await loadReport(ctx, id, perm, tx);
    if (!from.includes(report.status)) throw transitionError(report, to);
    if (report.version !== version) throw staleVersion('report', version, reportDto(report, org));
    const [r] = await tx.update(reports).set({ status: to, version: report.version + 1, updatedAt: new Date(), ...extra }).where(eq(reports.id, id)).returning();
    await recordAudit(tx, ctx, { action, entityType: 'report', entityId: id, orgId: org.id, before: { status: report.status, revision: report.revision }, after: { status: r.status, revision: r.revision } });
    return reportDto(r, org);
  });
}

export const submitReport = (ctx: Ctx, id: string, version: number) => transition(ctx, id, version, 'report.edit', ['utkast'], 'under_granskning', 'report.submit');
export const returnReport = (ctx: Ctx, id: string, version: number) => transition(ctx, id, version, 'report.edit', ['under_granskning'], 'utkast', 'report.return');

/** After approval: a new draft (revision + 1) with the approved outline; the frozen version stays as it was. */
export async function newDraft(ctx: Ctx, id: string, version: number) {
  const { report } = await loadReport(ctx, id, 'report.edit');
  return transition(ctx, id, version, 'report.edit', ['godkand'], 'utkast', 'report.new_draft', { revision: report.revision + 1 });
}

async function templateBytes(ctx: Ctx, templateId: string | null, orgPath: string): Promise<Buffer | undefined> {
  if (!templateId) return undefined;
  if (!/^[0-9a-f-]{36}$/i.test(templateId)) return undefined;
  const [t] = await ctx.db.select().from(reportTemplates).where(eq(reportTemplates.id, templateId));
  if (!t) return undefined;
  const o = await findOrg(ctx.db, t.orgId);
  // A template is usable by its own org and the orgs below it.
  return o && orgPath.startsWith(o.path) ? t.docx : undefined;
}

/**
 * Approves the report (förvaltningschef: report.approve): freezes the report JSON and the rendered DOCX and
 * PDF with their SHA-256 and the approver. Refused (409 `iso93_uncovered`, naming them) while an ISO 27001 9.3.2
 * input is neither covered by a section with figures or text nor marked not applicable in the review. Rendering happens before the transaction; the version check
 * inside it makes a concurrent edit fail instead of freezing something else than was rendered.
 *
 * `at` is when the approval was given, now unless an in-process caller (the demo) records an approval given earlier,
 * as nis2's approveAssessment takes one; the API passes none. The figures are frozen as they stood on that day
 * (the default as-of day for `at`), so a version never shows figures of a day after its own approval.
 */
export async function approveReport(ctx: Ctx, id: string, version: number, at: Date = new Date()) {
  const { report, org } = await loadReport(ctx, id, 'report.approve');
  if (report.status !== 'under_granskning') throw transitionError(report, 'godkand');
  if (report.version !== version) throw staleVersion('report', version, reportDto(report, org));
  const day = stockholmDate(at);
  if (at.getTime() > Date.now() || day < `${report.year}-01-01`) {
    throw badRequest('invalid_approval_date', {
      sv: `Godkännandedatumet ${day} måste ligga mellan ${report.year}-01-01 och i dag.`,
      en: `The approval date ${day} must lie between ${report.year}-01-01 and today.`,
    }, 'at');
  }
  const approval = { by: ctx.principal?.name ?? ctx.actorLabel ?? 'system', at: at.toISOString() };
  const json = await buildReportJson(ctx, orgRef(org), report.year, {
    asOf: defaultAsOfDay(report.year, at), generatedAt: approval.at,
    outline: report.outline as Section[], status: 'godkand', revision: report.revision, previousFigures: report.previousFigures as Record<string, unknown> | null, approval,
  });
  // ISO 27001 9.3.2: every input (a)–(g) covered by the report's sections or marked not applicable in the review.
  assertComplete(await reportIso93(ctx, org.id, json));
  const template = await templateBytes(ctx, report.templateId, org.path);
  const [docx, pdf] = [await renderOffThread(json, 'docx', template), await renderOffThread(json, 'pdf')];
  // The JSON download's own bytes: a frozen version's JSON (stored as json, keys in order) renders to the same ones.
  const jsonSha = sha256(await renderReport(json, 'json'));
  return inTx(ctx, async (tx) => {
    const [r] = await tx.update(reports).set({ status: 'godkand', version: report.version + 1, updatedAt: new Date() })
      .where(and(eq(reports.id, id), eq(reports.version, version), eq(reports.status, 'under_granskning'))).returning();
    if (!r) {
      const cur = await loadReport(ctx, id, undefined, tx);
      if (cur.report.status === 'godkand') throw transitionError(cur.report, 'godkand');
      throw staleVersion('report', version, reportDto(cur.report, cur.org));
    }
    const [v] = await tx.insert(reportVersions).values({
      reportId: id, revision: report.revision, reportJson: json, jsonSha256: jsonSha,
      docx, docxSha256: sha256(docx), pdf, pdfSha256: sha256(pdf),
      approvedBy: ctx.principal?.userId ?? null, approvedByLabel: approval.by, approvedAt: new Date(approval.at),
    }).returning({ id: reportVersions.id });
    await recordAudit(tx, ctx, {
      action: 'report.approve', entityType: 'report', entityId: id, orgId: org.id,
      before: { status: report.status }, after: { status: 'godkand', revision: report.revision, versionId: v.id, approvedAt: approval.at, docxSha256: sha256(docx), pdfSha256: sha256(pdf), jsonSha256: jsonSha },
    });
    return { ...reportDto(r, org), approvedVersion: { id: v.id, revision: report.revision, docxSha256: sha256(docx), pdfSha256: sha256(pdf), approvedBy: approval.by, approvedAt: approval.at } };
  });
}

export async function listVersions(ctx: Ctx, id: string) {
  await loadReport(ctx, id);
  const rows = await ctx.db.select({
    id: reportVersions.id, revision: reportVersions.revision, approvedBy: reportVersions.approvedByLabel, approvedAt: reportVersions.approvedAt,
    docxSha256: reportVersions.docxSha256, pdfSha256: reportVersions.pdfSha256, jsonSha256: reportVersions.jsonSha256,
  }).from(reportVersions).where(eq(reportVersions.reportId, id)).orderBy(asc(reportVersions.revision));
  return rows.map((r) => ({ ...r, approvedAt: r.approvedAt.toISOString() }));
}

async function versionRow(ctx: Ctx, id: string, revision: number) {
  const [v] = await ctx.db.select().from(reportVersions).where(and(eq(reportVersions.reportId, id), eq(reportVersions.revision, revision)));
  if (!v) throw notFound({ sv: `Rapporten har ingen godkänd version ${revision}.`, en: `The report has no approved revision ${revision}.` }, 'revision');
  return v;
}

/** A frozen version's file: docx/pdf as stored, json and html rendered from the frozen JSON (json: the bytes of jsonSha256). */
export async function versionFile(ctx: Ctx, id: string, revision: number, format: Format) {
  const { org } = await loadReport(ctx, id);
  const v = await versionRow(ctx, id, revision);
  const json = v.reportJson as ReportJson;
  const body = format === 'docx' ? v.docx : format === 'pdf' ? v.pdf : await renderReport(json, format);
  const shaFor = format === 'docx' ? v.docxSha256 : format === 'pdf' ? v.pdfSha256 : sha256(body);
  await recordAudit(ctx.db, ctx, { action: 'report.version.download', entityType: 'report', entityId: id, orgId: org.id, after: { revision, format } });
  return { json, body, sha256: shaFor };
}

/**
 * The latest approved version of an organisation's report for a year, as its file: the DOCX and PDF as stored, with
 * their approval line (what the UI downloads; `tillit report management-review --approved`). 404 when the year has no
 * report, or its report has not been approved yet.
 */
export async function approvedFile(ctx: Ctx, orgSlug: string, year: number, format: Format) {
  const report = await findReport(ctx, orgSlug, year);
  const last = (await listVersions(ctx, report.id)).at(-1);
  if (!last) {
    throw notFound({
      sv: `Rapporten för ${report.org.name} år ${year} har ingen godkänd version än (status: ${statusName(report.status, 'sv')}).`,
      en: `The report for ${report.org.name} for ${year} has no approved version yet (status: ${statusName(report.status, 'en')}).`,
    }, 'year');
  }
  return { ...(await versionFile(ctx, report.id, last.revision, format)), version: last };
}

/** The report rendered now: a frozen report gives its stored file unless asOf or a template asks otherwise. */
export async function renderCurrent(ctx: Ctx, id: string, format: Format, opts: { asOf?: string; templateId?: string } = {}) {
  const { report, org } = await loadReport(ctx, id);
  if (report.status === 'godkand' && !opts.asOf && !opts.templateId) return versionFile(ctx, id, report.revision, format);
  const json = await buildReportJson(ctx, orgRef(org), report.year, { asOf: opts.asOf, outline: report.outline as Section[], status: liveStatus(report.status), revision: report.revision, previousFigures: report.previousFigures as Record<string, unknown> | null });
  const templateId = opts.templateId ?? (format === 'docx' ? report.templateId : null);
  const template = templateId ? await templateBytes(ctx, templateId, org.path) : undefined;
  if (opts.templateId && !template) throw badRequest('unknown_template', { sv: `Mallen "${opts.templateId}" finns inte för organisationen.`, en: `Template "${opts.templateId}" does not exist for the organisation.` }, 'template');
  const body = await renderOffThread(json, format, template);
  return { json, body, sha256: sha256(body) };
}

type Side = { label: string; json: ReportJson };

async function side(ctx: Ctx, id: string, which: string): Promise<Side> {
  if (which === 'current') {
    const { report, org } = await loadReport(ctx, id);
    const json = await buildReportJson(ctx, orgRef(org), report.year, { outline: report.outline as Section[], status: report.status, revision: report.revision });
    return { label: `Aktuellt utkast (version ${report.revision})`, json };
  }
  const n = Number(which);
  if (!Number.isInteger(n) || n < 1) throw badRequest('invalid_revision', { sv: `Ogiltig version "${which}" (ett nummer eller current).`, en: `Invalid revision "${which}" (a number or current).` }, 'a');
  const v = await versionRow(ctx, id, n);
  return { label: `Godkänd version ${n}`, json: v.reportJson as ReportJson };
}

function leaves(v: unknown, path: string, out: Map<string, unknown>) {
  if (v && typeof v === 'object') {
    if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
    else for (const [k, x] of Object.entries(v)) leaves(x, `${path}.${k}`, out);
  } else out.set(path, v);
}

/** Two versions side by side: every figure that differs, and a line diff of each section's narrative. */
export async function compareVersions(ctx: Ctx, id: string, a: string, b: string) {
  await loadReport(ctx, id);
  const [A, B] = [await side(ctx, id, a), await side(ctx, id, b)];
  const la = new Map<string, unknown>();
  const lb = new Map<string, unknown>();
  for (const k of new Set([...figureKeys(A.json), ...figureKeys(B.json)])) {
    if (k === 'asOf') continue;
    leaves(A.json[k], k, la);
    leaves(B.json[k], k, lb);
  }
  const figures = [...new Set([...la.keys(), ...lb.keys()])]
    .filter((p) => !/\.asOf$/.test(p) && la.get(p) !== lb.get(p))
    .map((path) => ({ path, a: la.get(path) ?? null, b: lb.get(path) ?? null }));
  const secA = new Map(A.json.outline.map((s) => [s.id, s]));
  const secB = new Map(B.json.outline.map((s) => [s.id, s]));
  const ids = [...new Set([...secA.keys(), ...secB.keys()])];
  const sections = ids.map((sid) => {
    const x = secA.get(sid);
    const y = secB.get(sid);
    const ta = x ? docToText(x.narrative) : '';
    const tb = y ? docToText(y.narrative) : '';
    return { id: sid, titleA: x?.title ?? null, titleB: y?.title ?? null, numberA: x?.number ?? null, numberB: y?.number ?? null, changed: ta !== tb || x?.title !== y?.title || x?.hidden !== y?.hidden, diff: textDiff(ta, tb) };
  });
  return { a: { label: A.label, revision: A.json.revision, asOf: A.json.asOf }, b: { label: B.label, revision: B.json.revision, asOf: B.json.asOf }, figures, sections };
}

/**
 * The report's ISO 27001 9.3.2 coverage: which inputs its sections cover and which are missing. An approved
 * report answers from its frozen JSON, a draft from figures as of now (iso93-coverage.ts, as the review does);
 * the review's marks (not applicable, text) are always the current ones.
 */
export async function currentIso93(ctx: Ctx, id: string) {
  const { report, org } = await loadReport(ctx, id);
  const { json } = await coverageJson(ctx, orgRef(org), report);
  return reportIso93(ctx, org.id, json);
}
