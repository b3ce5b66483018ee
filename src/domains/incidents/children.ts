import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { users } from '../users/table';
import { auditSafe, canSeeProtected, checkUser, manageable, readable, requireProtectedAccess, viewOf, type IncidentView } from './access';
import type { CreateAction, UpdateAction } from './contract';
import { incidentActions, incidentAttachments, incidentComments, incidentLinks, incidentStatusHistory, incidents } from './table';
import { stockholmDate } from '../../server/platform/time';

const iso = (d: Date) => d.toISOString();

type Registered = Pick<typeof incidents.$inferSelect, 'id' | 'status' | 'createdAt' | 'createdBy' | 'createdVia'>;

/**
 * Actions, comments, attachments (metadata), links (raw rows: links.ts describes their targets) and history of one
 * incident. Staff without `showProtected` (a protected record, a caller without incident.protected) are not given
 * its free texts: comments, attachments and the actions' titles. The reporter reading their own report (not staff)
 * is not given the handlers' work (actions, links, others' comments and attachments): they follow their report by its
 * status history, and of the comments and attachments get only those they added themselves. Those they wrote and uploaded, so they get them on a protected record too: nothing in them is news to
 * them, and nothing anyone else wrote comes with them.
 */
export async function loadChildren(db: Db, incident: Registered, showProtected: boolean, now: Date, view: IncidentView = { staff: true }) {
  const incidentId = incident.id;
  const staff = view.staff;
  const today = stockholmDate(now);
  const actions = staff
    ? await db
      .select({ a: incidentActions, ownerName: users.name })
      .from(incidentActions)
      .leftJoin(users, eq(users.id, incidentActions.ownerId))
      .where(eq(incidentActions.incidentId, incidentId))
      .orderBy(asc(incidentActions.createdAt))
    : [];
  const links = staff ? await db.select().from(incidentLinks).where(eq(incidentLinks.incidentId, incidentId)).orderBy(asc(incidentLinks.createdAt)) : [];
  const history = await db
    .select({ h: incidentStatusHistory, actor: users.name })
    .from(incidentStatusHistory)
    .leftJoin(users, eq(users.id, incidentStatusHistory.actorId))
    .where(eq(incidentStatusHistory.incidentId, incidentId))
    .orderBy(asc(incidentStatusHistory.at));
  let comments = null;
  let attachments = null;
  if (view.staff ? showProtected : true) {
    const own = view.staff ? undefined : view.userId;
    comments = (await db.select().from(incidentComments)
      .where(and(eq(incidentComments.incidentId, incidentId), own === undefined ? undefined : eq(incidentComments.authorId, own)))
      .orderBy(asc(incidentComments.createdAt)))
      .map((c) => ({ id: c.id, author: c.authorLabel, body: c.body, createdAt: iso(c.createdAt) }));
    attachments = (await db
      .select({ id: incidentAttachments.id, filename: incidentAttachments.filename, contentType: incidentAttachments.contentType, size: incidentAttachments.size, sha256: incidentAttachments.sha256, createdAt: incidentAttachments.createdAt })
      .from(incidentAttachments)
      .where(and(eq(incidentAttachments.incidentId, incidentId), own === undefined ? undefined : eq(incidentAttachments.uploadedBy, own)))
      .orderBy(asc(incidentAttachments.createdAt)))
      .map((a) => ({ ...a, createdAt: iso(a.createdAt) }));
  }
  return {
    actions: actions.map(({ a, ownerName }) => ({
      id: a.id, title: showProtected ? a.title : null, owner: a.ownerId ? { id: a.ownerId, name: ownerName ?? '' } : null, dueDate: a.dueDate, status: a.status,
      overdue: actionOverdue(a, today), version: a.version,
    })),
    comments,
    attachments,
    links,
    history: await withRegistration(db, incident, history.map(({ h, actor }) => ({ from: h.fromStatus, to: h.toStatus, at: iso(h.at), actor, source: h.source }))),
  };
}

type HistoryEntry = { from: string | null; to: string; at: string; actor: string | null; source: string };

/**
 * The history with its first entry, the status the incident was registered with: the first change's from-status,
 * or the current status when it never changed, at created_at, by created_by, via created_via (table.ts). Incidents
 * from before migration 0016 have that entry as a row of their own, and no created_via.
 */
async function withRegistration(db: Db, incident: Registered, history: HistoryEntry[]): Promise<HistoryEntry[]> {
  if (!incident.createdVia || history.some((h) => h.from === null)) return history;
  const [by] = incident.createdBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, incident.createdBy)) : [];
  const first = { from: null, to: history[0]?.from ?? incident.status, at: iso(incident.createdAt), actor: by?.name ?? null, source: incident.createdVia };
  return [first, ...history];
}

/** An action not done whose due date (a Stockholm date) is before `today`. */
export const actionOverdue = (a: { status: string; dueDate: string | null }, today: string) => a.status !== 'klar' && a.dueDate !== null && a.dueDate < today;

/** Bumps the incident's updatedAt (children change the record as a whole for lists sorted by activity). */
async function touch(tx: Db, id: string) {
  await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, id));
}

export async function addAction(ctx: Ctx, incidentId: string, input: CreateAction) {
  return inTx(ctx, async (tx) => {
    const r = await manageable(ctx, tx, incidentId);
    await checkUser(tx, input.ownerId, 'ownerId', { path: r.org.path, reporterId: r.i.reporterId });
    const [a] = await tx.insert(incidentActions).values({
      incidentId, title: input.title, ownerId: input.ownerId ?? null, dueDate: input.dueDate ?? null, status: input.status ?? 'planerad',
    }).returning();
    await touch(tx, incidentId);
    await recordAudit(tx, ctx, { action: 'incident.action.create', entityType: 'incident_action', entityId: a.id, orgId: r.org.id, after: auditSafe(r.i.protectedIdentity, 'incident_action', a) });
    return a;
  });
}

/**
 * Changes an action's title, owner, due date or status (reopening one marked klar included), with its version
 * (409 stale_version otherwise). On a protected record the title is protected text (loadChildren hides it): one
 * without incident.protected may change the rest but not the title (403), and is never answered with it, not in
 * the 409's current record either.
 */
export async function updateAction(ctx: Ctx, incidentId: string, actionId: string, input: UpdateAction) {
  return inTx(ctx, async (tx) => {
    const r = await manageable(ctx, tx, incidentId);
    const [cur] = await tx.select().from(incidentActions).where(and(eq(incidentActions.id, actionId), eq(incidentActions.incidentId, incidentId)));
    if (!cur) throw notFound({ sv: `Åtgärden ${actionId} finns inte.`, en: `Action ${actionId} does not exist.` }, 'actionId');
    const show = canSeeProtected(ctx, r);
    const shown = <T extends { title: string }>(a: T) => (show ? a : { ...a, title: null });
    if (cur.version !== input.version) throw staleVersion('incident_action', input.version, shown(cur));
    if (input.title !== undefined) requireProtectedAccess(ctx, r);
    if (input.ownerId !== undefined) await checkUser(tx, input.ownerId, 'ownerId', { path: r.org.path, reporterId: r.i.reporterId });
    const { version, ...set } = input;
    const [a] = await tx.update(incidentActions)
      .set({ ...set, version: sql`${incidentActions.version} + 1`, updatedAt: new Date() })
      .where(and(eq(incidentActions.id, actionId), eq(incidentActions.version, version)))
      .returning();
    if (!a) throw staleVersion('incident_action', version, shown(cur));
    await touch(tx, incidentId);
    await recordAudit(tx, ctx, {
      action: 'incident.action.update', entityType: 'incident_action', entityId: a.id, orgId: r.org.id,
      before: auditSafe(r.i.protectedIdentity, 'incident_action', cur), after: auditSafe(r.i.protectedIdentity, 'incident_action', a),
    });
    return shown(a);
  });
}

/**
 * Comments: handlers, and the reporter on their own report (the route asks incident.report somewhere, as for Mina
 * rapporter: one who holds it nowhere any more still reads the report, but adds nothing). Staff need
 * incident.protected on a protected record; the reporter reading their own report (not staff) may add to it
 * still: adding shows them nothing, and their view holds only what they added themselves (loadChildren).
 */
export async function addComment(ctx: Ctx, incidentId: string, body: string) {
  return inTx(ctx, async (tx) => {
    const r = await readable(ctx, tx, incidentId);
    const isReporter = !!ctx.principal && r.i.reporterId === ctx.principal.userId;
    if (!isReporter) await manageable(ctx, tx, incidentId);
    if (viewOf(ctx, r).staff) requireProtectedAccess(ctx, r);
    const [c] = await tx.insert(incidentComments).values({
      incidentId, authorId: ctx.principal?.userId ?? null, authorLabel: ctx.principal?.name ?? ctx.actorLabel ?? 'system', body,
    }).returning();
    await touch(tx, incidentId);
    await recordAudit(tx, ctx, {
      action: 'incident.comment.create', entityType: 'incident_comment', entityId: c.id, orgId: r.org.id,
      after: { incidentId, length: body.length, ...(r.i.protectedIdentity ? {} : { body }) },
    });
    return { id: c.id, author: c.authorLabel, body: c.body, createdAt: iso(c.createdAt) };
  });
}
