import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, conflict, notFound } from '../../server/platform/errors';
import { linkTargetProviders, UUID_RE, type LinkTarget, type LinkTargetProvider } from '../../server/platform/link-targets';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { auditSafe, canSeeProtected, manageable, readable, requireProtectedAccess, viewOf } from './access';
import type { CreateLink, LinkTargetQuery } from './contract';
import { incidentLinks, incidents } from './table';

/**
 * Kopplingar: generic links from an incident to another record (by type and id, resolved by the owning domain's
 * provider, see platform/link-targets.ts) or to a web address. Adding and removing needs what updating the incident
 * needs (incident.manage on its organisation); reading needs what reading it needs. A target must exist and be
 * visible to the person linking it (404 otherwise, so existence does not leak); the same target twice is a 409.
 * On a protected record a web address and a note are protected text: adding or removing one needs incident.protected
 * as well (otherwise a 409 for a duplicate would confirm a guessed address), and a permitted read of them is audited.
 */
type LinkRow = typeof incidentLinks.$inferSelect;
export interface LinkView {
  id: string;
  targetType: string;
  /** Null for a web address on a protected record the caller may not read (the address may name the person). */
  targetId: string | null;
  /** Null on a protected record the caller may not read: free text about the case. */
  note: string | null;
  createdAt: string;
  title: string | null;
  href: string | null;
  org: { slug: string; name: string } | null;
}

async function provider(type: string): Promise<LinkTargetProvider | undefined> {
  return (await linkTargetProviders()).get(type);
}

/**
 * Each link with its target as this caller may see it (title/href null when gone, hidden or of an unknown type).
 * `showProtected` false (a protected record, a caller without incident.protected): the note and a web address are
 * free text about the case, hidden like its description; a link to another record shows as that record allows.
 */
export async function describeLinks(ctx: Ctx, db: Db, links: LinkRow[], showProtected = true): Promise<LinkView[]> {
  const byType = new Map<string, string[]>();
  for (const l of links) if (l.targetType !== 'url' && UUID_RE.test(l.targetId)) byType.set(l.targetType, [...(byType.get(l.targetType) ?? []), l.targetId]);
  const found = new Map<string, LinkTarget>();
  for (const [type, ids] of byType) {
    const p = await provider(type);
    for (const t of p ? await p.resolve(ctx, db, [...new Set(ids)]) : []) found.set(`${type}:${t.id}`, t);
  }
  return links.map((l) => {
    const url = l.targetType === 'url';
    if (url && !showProtected) return { id: l.id, targetType: l.targetType, targetId: null, note: null, createdAt: l.createdAt.toISOString(), title: null, href: null, org: null };
    const t = url ? { title: l.targetId, href: l.targetId, org: null } : found.get(`${l.targetType}:${l.targetId}`);
    return {
      id: l.id, targetType: l.targetType, targetId: l.targetId, note: showProtected ? l.note : null, createdAt: l.createdAt.toISOString(),
      title: t?.title ?? null, href: t?.href ?? null, org: t?.org ?? null,
    };
  });
}

async function rowsOf(db: Db, incidentId: string): Promise<LinkRow[]> {
  return db.select().from(incidentLinks).where(eq(incidentLinks.incidentId, incidentId)).orderBy(asc(incidentLinks.createdAt), asc(incidentLinks.id));
}

/** Whether a link holds protected text on a protected record: a web address, or a note. */
const holdsText = (l: { targetType: string; note?: string | null }) => l.targetType === 'url' || !!l.note;

/**
 * The links as the incident's page shows them: none for its reporter (the handlers' work), protected text hidden.
 * A read of a protected record's addresses and notes by one permitted to see them is audited, as its detail is.
 */
export async function listLinks(ctx: Ctx, incidentId: string): Promise<LinkView[]> {
  const r = await readable(ctx, ctx.db, incidentId);
  if (!viewOf(ctx, r).staff) return [];
  const show = canSeeProtected(ctx, r);
  const rows = await rowsOf(ctx.db, incidentId);
  if (r.i.protectedIdentity && show && rows.some(holdsText)) {
    await recordAudit(ctx.db, ctx, { action: 'incident.read_protected', entityType: 'incident', entityId: r.i.id, orgId: r.org.id, after: { part: 'links' } });
  }
  return describeLinks(ctx, ctx.db, rows, show);
}

const targetMissing = (type: string, id: string) =>
  notFound({
    sv: `Posten (${type}) ${id} finns inte eller är inte synlig för dig.`,
    en: `The record (${type}) ${id} does not exist or is not visible to you.`,
  }, 'targetId');

export async function addLink(ctx: Ctx, incidentId: string, input: CreateLink): Promise<LinkView> {
  return inTx(ctx, async (tx) => {
    const r = await manageable(ctx, tx, incidentId);
    const { targetType, targetId } = input;
    if (holdsText(input)) requireProtectedAccess(ctx, r);
    if (targetType === 'incident' && targetId.toLowerCase() === incidentId.toLowerCase()) {
      throw badRequest('self_link', { sv: 'En incident kan inte kopplas till sig själv.', en: 'An incident cannot be linked to itself.' }, 'targetId');
    }
    const id = targetType === 'url' ? targetId : targetId.toLowerCase();
    if (targetType !== 'url') {
      const p = await provider(targetType);
      const [hit] = p ? await p.resolve(ctx, tx, [id]) : [];
      if (!hit) throw targetMissing(targetType, id);
    }
    const [dup] = await tx.select({ id: incidentLinks.id }).from(incidentLinks)
      .where(and(eq(incidentLinks.incidentId, incidentId), eq(incidentLinks.targetType, targetType), eq(incidentLinks.targetId, id)));
    if (dup) {
      throw conflict('link_exists', { sv: 'Incidenten är redan kopplad till den posten.', en: 'The incident is already linked to that record.' }, 'targetId', { linkId: dup.id });
    }
    const [l] = await tx.insert(incidentLinks).values({
      incidentId, targetType, targetId: id, note: input.note ?? '', createdBy: ctx.principal?.userId ?? null,
    }).returning();
    await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
    await recordAudit(tx, ctx, { action: 'incident.link.create', entityType: 'incident_link', entityId: l.id, orgId: r.org.id, after: auditSafe(r.i.protectedIdentity, 'incident_link', l) });
    const [view] = await describeLinks(ctx, tx, [l], canSeeProtected(ctx, r));
    return view;
  });
}

export async function removeLink(ctx: Ctx, incidentId: string, linkId: string): Promise<void> {
  return inTx(ctx, async (tx) => {
    const r = await manageable(ctx, tx, incidentId);
    const [cur] = await tx.select().from(incidentLinks).where(and(eq(incidentLinks.id, linkId), eq(incidentLinks.incidentId, incidentId)));
    if (!cur) throw notFound({ sv: `Kopplingen ${linkId} finns inte.`, en: `Link ${linkId} does not exist.` }, 'linkId');
    if (holdsText(cur)) requireProtectedAccess(ctx, r);
    const [l] = await tx.delete(incidentLinks).where(eq(incidentLinks.id, cur.id)).returning();
    await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
    await recordAudit(tx, ctx, { action: 'incident.link.delete', entityType: 'incident_link', entityId: l.id, orgId: r.org.id, before: auditSafe(r.i.protectedIdentity, 'incident_link', l) });
  });
}

/** Records of one type the caller may see and link to: by id when q is one, else by title (20 at most). */
export async function searchLinkTargets(ctx: Ctx, q: LinkTargetQuery): Promise<LinkTarget[]> {
  ctx.authz.require('incident.manage');
  const p = await provider(q.type);
  if (!p) return [];
  const text = q.q?.trim() ?? '';
  if (UUID_RE.test(text)) return p.resolve(ctx, ctx.db, [text.toLowerCase()]);
  return p.search(ctx, ctx.db, text, 20);
}
