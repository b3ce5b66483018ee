import { eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { forbidden, notFound, unprocessable } from '../../server/platform/errors';
import { users } from '../users/table';
import { loadGrants } from '../users/grants';
import { Authz } from '../../server/platform/authz';
import { loadIncident, type ListRow, type LoadedIncident } from './dto';
import { BREACH_FREE_TEXTS } from './breach-model';
import { recordAudits } from '../audit/chain';

export const incidentNotFound = (id: string) =>
  notFound({ sv: `Incidenten ${id} finns inte.`, en: `Incident ${id} does not exist.` }, 'id');

/** May read: incident.read on the incident's org (subtree), or the person who reported it. */
export function canRead(ctx: Ctx, r: LoadedIncident): boolean {
  return ctx.authz.can('incident.read', r.org.path) || (!!ctx.principal && r.i.reporterId === ctx.principal.userId);
}
export const canManage = (ctx: Ctx, r: LoadedIncident) => ctx.authz.can('incident.manage', r.org.path);
/** What the audit log holds in place of a protected record's free text. */
export const PROTECTED_TEXT = '[skyddad / protected]';

/**
 * The free texts of each kind of incident record (by its audit entity type) that a protected record hides from those
 * who may not read it: what the audit log holds in their place when written (auditSafe), and hides when read
 * (audit-view.ts). A comment's entry leaves its body out altogether (children.ts).
 */
const PROTECTED_FIELDS: Record<string, readonly string[]> = {
  incident: ['description', 'assessmentText'],
  incident_comment: ['body'],
  incident_action: ['title'],
  incident_attachment: ['filename'],
  incident_link: ['note'],
  incident_breach: BREACH_FREE_TEXTS,
};

/** The entity types whose records hold protected free text. */
export const PROTECTED_ENTITY_TYPES = Object.keys(PROTECTED_FIELDS);

/** The protected fields of a record of `entityType`; a link to a web address holds one more, the address. */
export function protectedFields(entityType: string, row: Record<string, unknown>): readonly string[] {
  const keys = PROTECTED_FIELDS[entityType] ?? [];
  return entityType === 'incident_link' && row.targetType === 'url' ? [...keys, 'targetId'] : keys;
}

/** `row` with the given fields replaced by PROTECTED_TEXT (a missing or null one stays as it is). */
export function withoutProtected<T extends object>(row: T, keys: readonly string[]): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of keys) if (out[k] !== undefined && out[k] !== null) out[k] = PROTECTED_TEXT;
  return out as T;
}

/**
 * A record of `entityType` as the audit log may hold it: on a protected record (protected identity) its free-text
 * fields are replaced by PROTECTED_TEXT, since the audit log is read by people who may not read the record's content.
 */
export function auditSafe<T extends object>(protectedIdentity: boolean, entityType: string, row: T): T {
  return protectedIdentity ? withoutProtected(row, protectedFields(entityType, row as Record<string, unknown>)) : row;
}

/** May see the protected content (description, comments, attachments) of a protected-identity incident. */
export const canSeeProtected = (ctx: Ctx, r: LoadedIncident) => !r.i.protectedIdentity || ctx.authz.can('incident.protected', r.org.path);

/**
 * How the caller reads an incident `readable` gave them: as staff (incident.read on its organisation), or as its
 * reporter, who sees their report and what they added to it themselves, not the handlers' work.
 */
export type IncidentView = { staff: true } | { staff: false; userId: string };
export function viewOf(ctx: Ctx, r: LoadedIncident): IncidentView {
  if (ctx.authz.can('incident.read', r.org.path)) return { staff: true };
  const me = ctx.principal?.userId;
  // readable() lets no one else through; should one get here, the incident does not exist for them.
  if (!me || r.i.reporterId !== me) throw incidentNotFound(r.i.id);
  return { staff: false, userId: me };
}

/**
 * viewOf for the rows of a list page: whether the caller reads each as staff or only as its reporter. A row another
 * person reported is in the read scope by the list's own condition (readScope): only the caller's own reports are
 * decided by their organisations' paths (the page carries them), and only when the caller reads some organisations but not all.
 */
export function listViewOf(ctx: Ctx): (r: ListRow) => boolean {
  if (ctx.authz.global('incident.read')) return () => true;
  if (!ctx.authz.hasAnywhere('incident.read')) return () => false;
  const me = ctx.principal?.userId;
  return (r) => r.i.reporterId !== me || ctx.authz.can('incident.read', r.org.path);
}

/** The incident if the caller may read it; 404 otherwise (existence does not leak). */
export async function readable(ctx: Ctx, db: Db, id: string, now = new Date()): Promise<LoadedIncident> {
  const r = await loadIncident(db, id, now);
  if (!r || !canRead(ctx, r)) throw incidentNotFound(id);
  return r;
}

/** The incident if the caller may manage it: 404 when not readable, 403 when readable but not manageable. */
export async function manageable(ctx: Ctx, db: Db, id: string, now = new Date()): Promise<LoadedIncident> {
  const r = await readable(ctx, db, id, now);
  if (!canManage(ctx, r)) throw forbidden();
  return r;
}

export function requireProtectedAccess(ctx: Ctx, r: LoadedIncident): void {
  if (!canSeeProtected(ctx, r)) {
    throw forbidden({
      sv: 'Incidenten rör skyddade personuppgifter; innehållet visas bara för behöriga.',
      en: 'The incident concerns protected identities; its content is shown to permitted roles only.',
    });
  }
}

/** A user referenced by id (handler, action owner) must exist and be active. */
interface IncidentAccessRef { path: string; reporterId: string | null; protectedIdentity?: boolean }

/**
 * A person named as handler or action owner: active, and able to read the incident (incident.read on its
 * organisation, or its reporter); otherwise they would be handed a case they get a 404 for. A handler of a protected
 * record must also read its protected texts (incident.protected): a case is not handled by one who cannot see it.
 */
export async function checkUser(
  db: Db, id: string | null | undefined, field: string, incident: IncidentAccessRef | IncidentAccessRef[], as: 'handler' | 'owner' = 'owner',
): Promise<{ id: string; name: string; email: string } | null> {
  if (!id) return null;
  const [u] = await db.select({ id: users.id, name: users.name, email: users.email, active: users.active }).from(users).where(eq(users.id, id));
  if (!u || !u.active) {
    throw unprocessable('unknown_user', { sv: `Användaren ${id} finns inte eller är inaktiv.`, en: `User ${id} does not exist or is inactive.` }, field);
  }
  const authz = new Authz(await loadGrants(db, id));
  if ((Array.isArray(incident) ? incident : [incident]).some((i) => i.reporterId !== id && !authz.can('incident.read', i.path))) {
    throw unprocessable('user_cannot_read', {
      sv: `${u.name} har ingen behörighet att läsa incidenten och kan inte vara handläggare eller ansvarig för den.`,
      en: `${u.name} may not read the incident and cannot be its handler or an action owner.`,
    }, field);
  }
  if (as === 'handler' && (Array.isArray(incident) ? incident : [incident]).some((i) => i.protectedIdentity && !authz.can('incident.protected', i.path))) {
    throw unprocessable('user_cannot_read_protected', {
      sv: `${u.name} får inte läsa skyddade personuppgifter och kan inte vara handläggare för en incident med skyddade personuppgifter.`,
      en: `${u.name} may not read protected personal data and cannot handle an incident with protected personal data.`,
    }, field);
  }
  return u;
}

/**
 * A search by one who may read protected records looks into their descriptions too, so the protected records it
 * finds have been read in part: each organisation's are audited (incident.search_protected, on the incident's own
 * organisation, with the words and the ids), as opening one is. Others' searches match a protected record on its
 * title alone, which the list shows anyway: nothing to audit. The words stay in the entry: every role that reads the
 * audit log of an organisation may read its protected records too (permissions.ts).
 */
export async function auditProtectedSearch(ctx: Ctx, words: string, items: ListRow[]): Promise<void> {
  const read = items.filter((r) => r.i.protectedIdentity && ctx.authz.can('incident.protected', r.org.path));
  // One statement (recordAudits), atomic without a transaction around it.
  if (read.length > 0) await auditPerOrg(ctx.db, ctx, 'incident.search_protected', read, (ids) => ({ q: words, found: ids }));
}

/**
 * One audit entry per organisation for protected incidents read or taken out of the system (a search's finds, an
 * export's), on each incident's own organisation, so that its audit readers (not only system administrators) see it;
 * the entry names the incident when it is the only one there.
 */
export async function auditPerOrg(
  tx: Db, ctx: Ctx, action: string, rows: { i: { id: string }; org: { id: string } }[], after: (ids: string[]) => Record<string, unknown>,
): Promise<void> {
  const byOrg = new Map<string, string[]>();
  for (const r of rows) byOrg.set(r.org.id, [...(byOrg.get(r.org.id) ?? []), r.i.id]);
  await recordAudits(tx, ctx, [...byOrg].map(([orgId, ids]) => ({ action, entityType: 'incident', entityId: ids.length === 1 ? ids[0] : null, orgId, after: after(ids) })));
}
