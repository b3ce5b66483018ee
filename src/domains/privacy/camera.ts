import { and, asc, eq, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { refuseAfterToday, stockholmDate } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { orgFor, orgSlugs, recordOrg, type OrgRow } from '../plans/scope';
import { CAMERA_RULES_FROM, type CameraQuery, type CameraSite, type CameraState, type CreateCameraSite, type UpdateCameraSite } from './contract';
import { cameraSites, processingActivities } from './table';

export type CameraRow = typeof cameraSites.$inferSelect;

const ENTITY = 'camera_site';
const missing = (id: string) => ({ sv: `Kamerabevakningen ${id} finns inte.`, en: `Camera surveillance site ${id} does not exist.` });

/** The day five years before `day` (YYYY-MM-DD), the same calendar day; 29 February gives 28 February. */
export function fiveYearsBefore(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(y) - 5}-${m}-${m === '02' && d === '29' ? '28' : d}`;
}

/** planerad without a start date, pagar from it, avslutad once an end date is given (dates are never after today). */
export const cameraState = (r: { startedOn: string | null; endedOn: string | null }): CameraState =>
  !r.startedOn ? 'planerad' : r.endedOn ? 'avslutad' : 'pagar';

/** The intresseavvägning lacks its text or its date. */
export const balancingMissing = (r: { balancing: string; balancingDate: string | null }): boolean => !r.balancing.trim() || !r.balancingDate;

export interface CameraDates {
  storageDays: number;
  startedOn: string | null;
  endedOn: string | null;
  balancing: string;
  balancingDate: string | null;
}

/**
 * The register's rules for one site (422 with the field): storage time more than 0 days; an end date needs a start
 * date and is not before it; start, end and intresseavvägning dates have happened. A site started on or after
 * 2025-04-01 (kamerabevakningslagen's new rules) is running or ended only with its intresseavvägning: text and date,
 * made on or before the start date. Without a start date a site is planned and may wait for it.
 */
export function checkCamera(s: CameraDates): void {
  if (!(s.storageDays > 0)) {
    throw unprocessable('storage_days_invalid', {
      sv: 'Lagringstiden anges i dagar och måste vara minst en dag.', en: 'The storage time is given in days and must be at least one day.',
    }, 'storageDays');
  }
  const done = { sv: 'Ange en dag som redan har varit.', en: 'Give a day that has already been.' };
  refuseAfterToday(s.startedOn, 'startedOn', 'camera_started_future', { sv: 'Startdatum', en: 'The start date' }, {
    sv: 'Registrera planerad bevakning utan startdatum och ange det när kamerorna är i drift.', en: 'Register planned surveillance without a start date and give it once the cameras run.',
  });
  refuseAfterToday(s.endedOn, 'endedOn', 'camera_ended_future', { sv: 'Slutdatum', en: 'The end date' }, done);
  refuseAfterToday(s.balancingDate, 'balancingDate', 'balancing_date_future', { sv: 'Datum för intresseavvägningen', en: 'The date of the balancing of interests' }, done);
  if (s.endedOn && !s.startedOn) {
    throw unprocessable('ended_without_start', {
      sv: 'En avslutad bevakning har också ett startdatum.', en: 'Ended surveillance has a start date too.',
    }, 'startedOn');
  }
  if (s.endedOn && s.startedOn && s.endedOn < s.startedOn) {
    throw unprocessable('ended_before_started', {
      sv: `Slutdatum (${s.endedOn}) ligger före startdatum (${s.startedOn}).`, en: `The end date (${s.endedOn}) is before the start date (${s.startedOn}).`,
    }, 'endedOn');
  }
  if (s.startedOn && s.startedOn >= CAMERA_RULES_FROM) {
    const why = { sv: 'Kamerabevakning som startar från och med 2025-04-01 kräver en dokumenterad intresseavvägning', en: 'Camera surveillance started on or after 2025-04-01 needs a documented balancing of interests' };
    if (!s.balancing.trim()) {
      throw unprocessable('balancing_missing', { sv: `${why.sv}. Beskriv intresseavvägningen innan bevakningen markeras som startad.`, en: `${why.en}. Describe it before marking the surveillance as started.` }, 'balancing');
    }
    if (!s.balancingDate) {
      throw unprocessable('balancing_date_missing', { sv: `${why.sv}. Ange datum för intresseavvägningen.`, en: `${why.en}. Give the date it was made.` }, 'balancingDate');
    }
    if (s.balancingDate > s.startedOn) {
      throw unprocessable('balancing_after_start', {
        sv: `Intresseavvägningen (${s.balancingDate}) ska vara gjord innan bevakningen startar (${s.startedOn}).`,
        en: `The balancing of interests (${s.balancingDate}) is made before the surveillance starts (${s.startedOn}).`,
      }, 'balancingDate');
    }
  }
}

function toSite(r: CameraRow, org: { slug: string; name: string }, activity: CameraSite['activity']): CameraSite {
  return {
    id: r.id, org: { id: r.orgId, slug: org.slug, name: org.name }, name: r.name, location: r.location, purpose: r.purpose, area: r.area,
    cameras: r.cameras, sound: r.sound, storageDays: r.storageDays, startedOn: r.startedOn, endedOn: r.endedOn, state: cameraState(r),
    balancing: r.balancing, balancingDate: r.balancingDate, balancingBy: r.balancingBy, balancingMissing: balancingMissing(r), signs: r.signs,
    activity, archived: r.archived, version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** The linked activities the caller may read (privacy.read on the activity's organisation). */
async function assemble(ctx: Ctx, db: Db, rows: CameraRow[], org?: OrgRow): Promise<CameraSite[]> {
  const ids = [...new Set(rows.map((r) => r.activityId).filter((x): x is string => !!x))];
  const [names, acts] = await Promise.all([
    org ? Promise.resolve(new Map([[org.id, { slug: org.slug, name: org.name }]])) : orgSlugs(db, rows.map((r) => r.orgId)),
    ids.length
      ? db.select({ id: processingActivities.id, name: processingActivities.name, archived: processingActivities.archived }).from(processingActivities)
        .innerJoin(orgs, eq(orgs.id, processingActivities.orgId)).where(and(inArray(processingActivities.id, ids), ctx.authz.scopeSql('privacy.read', orgs.path)))
      : Promise.resolve([]),
  ]);
  const byId = new Map(acts.map((a) => [a.id, a]));
  return rows.map((r) => toSite(r, names.get(r.orgId)!, (r.activityId && byId.get(r.activityId)) || null));
}

/**
 * The register of the org's subtree: by default planned and running sites and those ended in the five years before
 * `asOf` (today unless given); `period=all` adds those ended earlier. Active sites unless archived is asked for.
 */
export async function listCameraSites(ctx: Ctx, q: CameraQuery): Promise<CameraSite[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'privacy.read');
  const c = cameraSites;
  const conds: SQL[] = [ctx.authz.scopeSql('privacy.read', orgs.path), like(orgs.path, escapeLike(org.path) + '%')];
  if (q.period !== 'all') conds.push(or(isNull(c.endedOn), sql`${c.endedOn} >= ${fiveYearsBefore(q.asOf ?? stockholmDate())}`)!);
  if (q.archived !== 'all') conds.push(eq(c.archived, q.archived === 'true'));
  const rows = await ctx.db.select({ c }).from(c).innerJoin(orgs, eq(orgs.id, c.orgId)).where(and(...conds))
    .orderBy(asc(sql`lower(${c.name})`), asc(orgs.path));
  return assemble(ctx, ctx.db, rows.map((r) => r.c));
}

async function load(ctx: Ctx, db: Db, id: string, write: boolean): Promise<{ cur: CameraRow; org: OrgRow }> {
  const [cur] = await db.select().from(cameraSites).where(eq(cameraSites.id, id));
  if (!cur) throw notFound(missing(id), 'id');
  const org = await recordOrg(ctx, db, cur.orgId, 'privacy.read', write ? 'privacy.manage' : undefined, missing(id));
  return { cur, org };
}

export async function getCameraSite(ctx: Ctx, id: string): Promise<CameraSite> {
  const { cur, org } = await load(ctx, ctx.db, id, false);
  return (await assemble(ctx, ctx.db, [cur], org))[0];
}

/** 409 duplicate_name when the organisation already has a site of this name, whatever the case (archived too). */
async function refuseDuplicate(tx: Db, org: OrgRow, name: string, except?: string): Promise<void> {
  const c = cameraSites;
  const conds = [eq(c.orgId, org.id), sql`lower(${c.name}) = lower(${name})`];
  if (except) conds.push(ne(c.id, except));
  const [dup] = await tx.select({ id: c.id, name: c.name, archived: c.archived }).from(c).where(and(...conds));
  if (!dup) return;
  throw conflict('duplicate_name', {
    sv: `${org.name} har redan en kamerabevakning som heter "${dup.name}"${dup.archived ? ' (arkiverad – återställ den i stället)' : ''}.`,
    en: `${org.name} already has a camera surveillance site named "${dup.name}"${dup.archived ? ' (archived – restore it instead)' : ''}.`,
  }, 'name', { existingId: dup.id });
}

/**
 * 422 at activityId unless the activity is in the registerförteckning of the site's organisation, one above it or one
 * below it (the same line of the tree), and the caller may read it. Keeping the link a site already has is allowed.
 */
async function checkActivityLink(ctx: Ctx, tx: Db, org: OrgRow, activityId: string | null | undefined, current?: string | null): Promise<void> {
  if (!activityId || activityId === current) return;
  const [a] = await tx.select({ path: orgs.path }).from(processingActivities).innerJoin(orgs, eq(orgs.id, processingActivities.orgId))
    .where(and(eq(processingActivities.id, activityId), ctx.authz.scopeSql('privacy.read', orgs.path)));
  if (!a || !(a.path.startsWith(org.path) || org.path.startsWith(a.path))) {
    throw unprocessable('activity_not_found', {
      sv: `Behandlingen ${activityId} finns inte i registerförteckningen för ${org.name} (eller så får du inte läsa den).`,
      en: `Processing activity ${activityId} is not in the record of processing activities of ${org.name} (or you may not read it).`,
    }, 'activityId');
  }
}

export async function createCameraSite(ctx: Ctx, input: CreateCameraSite): Promise<CameraSite> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'privacy.read', 'privacy.manage');
    const { org: _slug, ...values } = input;
    checkCamera({
      storageDays: values.storageDays ?? 14, startedOn: values.startedOn ?? null, endedOn: values.endedOn ?? null,
      balancing: values.balancing ?? '', balancingDate: values.balancingDate ?? null,
    });
    await checkActivityLink(ctx, tx, org, values.activityId);
    await refuseDuplicate(tx, org, values.name);
    const [row] = await tx.insert(cameraSites).values({ ...values, orgId: org.id, createdBy: ctx.principal?.userId ?? null }).returning();
    await recordAudit(tx, ctx, { action: 'privacy.camera.create', entityType: ENTITY, entityId: row.id, orgId: org.id, after: row });
    return (await assemble(ctx, tx, [row], org))[0];
  });
}

/** Changes a site; `archived` archives it (true) or restores it (false), never deleting it. */
export async function updateCameraSite(ctx: Ctx, id: string, input: UpdateCameraSite): Promise<CameraSite> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await load(ctx, tx, id, true);
    const current = async () => (await assemble(ctx, tx, [cur], org))[0];
    if (cur.version !== input.version) throw staleVersion('camera site', input.version, await current());
    const { version, ...changes } = input;
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as CameraRow;
    checkCamera(next);
    await checkActivityLink(ctx, tx, org, changes.activityId, cur.activityId);
    if (changes.name !== undefined && changes.name.toLowerCase() !== cur.name.toLowerCase()) await refuseDuplicate(tx, org, changes.name, id);
    const [row] = await tx.update(cameraSites)
      .set({ ...changes, version: sql`${cameraSites.version} + 1`, updatedAt: new Date() })
      .where(and(eq(cameraSites.id, id), eq(cameraSites.version, version)))
      .returning();
    if (!row) throw staleVersion('camera site', version, await current());
    const action = changes.archived === true && !cur.archived ? 'privacy.camera.archive'
      : changes.archived === false && cur.archived ? 'privacy.camera.restore' : 'privacy.camera.update';
    await recordAudit(tx, ctx, { action, entityType: ENTITY, entityId: id, orgId: org.id, before: cur, after: row });
    return (await assemble(ctx, tx, [row], org))[0];
  });
}
