import type { Ctx } from '../../server/platform/context';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { categoriesFor, listedCategory, type CategoryTemplate } from './categories';
import type { QuickReport } from './contract';
import { incidentNumber } from './dto';
import { auditView, instant, orgFor, registerOrgOf } from './service';
import { incidentActions, incidents } from './table';

/** The categories (with templates) that apply to an organisation: for reporting there, or for filtering its list. */
export async function listCategories(ctx: Ctx, orgSlug: string) {
  const org = await orgFor(ctx, ctx.db, orgSlug, ['incident.report', 'incident.read']);
  return categoriesFor(ctx.db, org.path);
}

/**
 * "Report in under a minute": anyone with incident.report on the unit. A category template fills in kind,
 * assessment and first actions; the receipt carries the human number.
 */
export async function quickReport(ctx: Ctx, input: QuickReport) {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'incident.report');
    let template: CategoryTemplate | undefined;
    if (input.category) {
      template = await listedCategory(tx, org.path, input.category);
    }
    const now = new Date();
    const occurredAt = instant(input.occurredAt, 'occurredAt', now) ?? null;
    // The reporter's "ja/nej/vet ej" wins. A template may turn "vet ej" into "ja" (so the IMY clock starts, the
    // cautious reading) but never into "nej": the reporter's doubt stays for the handler to settle.
    const personalData = input.personalData === 'vet_ej' && template?.personalData === 'ja' ? 'ja' : input.personalData;
    const [row] = await tx.insert(incidents).values({
      orgId: org.id,
      registerOrgId: await registerOrgOf(tx, org.path),
      title: input.title,
      description: input.description ?? '',
      kind: template?.kind ?? (personalData === 'ja' ? 'Personuppgiftsincident' : null),
      category: template?.name ?? null,
      personalData,
      occurredAt,
      discoveredAt: now,
      reportedAt: now,
      reporterId: ctx.principal?.userId ?? null,
      riskAssessment: template?.riskAssessment ?? null,
      assessmentText: template?.assessmentText ?? '',
      protectedIdentity: input.protectedIdentity ?? false,
      createdBy: ctx.principal?.userId ?? null,
      createdVia: 'quick',
    }).returning();
    if (template?.firstActions.length) {
      await tx.insert(incidentActions).values(template.firstActions.map((title) => ({ incidentId: row.id, title })));
    }
    await recordAudit(tx, ctx, { action: 'incident.report', entityType: 'incident', entityId: row.id, orgId: org.id, after: auditView(row) });
    return { id: row.id, number: incidentNumber(row), reportedAt: row.reportedAt.toISOString(), status: 'Rapporterad' as const };
  });
}
