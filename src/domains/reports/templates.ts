import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { AppError, badRequest, forbidden } from '../../server/platform/errors';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { findOrg, orgNotFound } from '../org/service';
import { checkTemplate } from './render/template';
import { sampleReportJson } from './sample';
import { reportTemplates } from './table';
import { sha256 } from './workflow';

/**
 * Uploads an organisation's own DOCX template (template.manage). Every placeholder is checked and the
 * template is rendered against a complete sample report; anything wrong → 422 listing each problem.
 */
/** The organisation, if the caller may read its reports; 404 otherwise, as for one that does not exist. */
async function reportOrg(ctx: Ctx, slug: string) {
  const org = await findOrg(ctx.db, slug, 'org');
  if (!ctx.authz.can('report.read', org.path)) throw orgNotFound(slug);
  return org;
}

export async function uploadTemplate(ctx: Ctx, input: { org: string; name: string; docx: Buffer }) {
  const org = await reportOrg(ctx, input.org);
  if (!ctx.authz.can('template.manage', org.path)) throw forbidden();
  const name = input.name.trim();
  if (!name || name.length > 200) throw badRequest('template_name', { sv: 'Mallen behöver ett namn (högst 200 tecken).', en: 'The template needs a name (at most 200 characters).' }, 'name');
  const { problems, commands } = await checkTemplate(input.docx, sampleReportJson({ orgType: org.type }));
  if (problems.length) {
    throw new AppError(422, 'template_invalid', {
      sv: `Mallen har ${problems.length} fel: ${problems.map((p) => `${p.placeholder} ${p.message_sv}`.trim()).join(' · ')}`,
      en: `The template has ${problems.length} error(s): ${problems.map((p) => `${p.placeholder} ${p.message_en}`.trim()).join(' · ')}`,
    }, 'file', { problems }, problems.map((p) => ({ field: p.placeholder || 'file', message_sv: `${p.placeholder} ${p.message_sv}`.trim(), message_en: `${p.placeholder} ${p.message_en}`.trim() })));
  }
  return inTx(ctx, async (tx) => {
    const [t] = await tx.insert(reportTemplates).values({ orgId: org.id, name, docx: input.docx, sha256: sha256(input.docx), commands, uploadedBy: ctx.principal?.userId ?? null }).returning();
    await recordAudit(tx, ctx, { action: 'report.template.upload', entityType: 'report_template', entityId: t.id, orgId: org.id, after: { name, sha256: t.sha256, size: input.docx.length, commands: commands.length } });
    return templateDto(t, org.slug);
  });
}

const templateDto = (t: typeof reportTemplates.$inferSelect, orgSlug: string) => ({
  id: t.id, org: orgSlug, name: t.name, sha256: t.sha256, size: t.docx.length, placeholders: (t.commands as { type: string; code: string }[]).length, createdAt: t.createdAt.toISOString(),
});

export async function listTemplates(ctx: Ctx, orgSlug: string) {
  // Outside the caller's scope it answers as for an organisation that does not exist (an empty list told it did).
  const org = await reportOrg(ctx, orgSlug);
  const rows = await ctx.db.select().from(reportTemplates).where(eq(reportTemplates.orgId, org.id)).orderBy(desc(reportTemplates.createdAt));
  return rows.map((t) => templateDto(t, org.slug));
}
