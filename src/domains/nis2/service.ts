import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, notFound, unprocessable, type Msg } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { checkYear, refuseAfterToday } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgFor, recordOrg, type OrgRow } from '../plans/scope';
import { userNames } from '../users/names';
import {
  AREA_NAMES, AREAS, type AreaKey, type AreaStatus, type CreateNis2Assessment, type Nis2Area, type Nis2Assessment, type Nis2Scope, type PutNis2Scope,
} from './contract';
import { nis2Areas, nis2Assessments, nis2Scopes, nis2Suppliers, nis2Training } from './table';

export type AssessmentRow = typeof nis2Assessments.$inferSelect;
type AreaRow = typeof nis2Areas.$inferSelect;

const missing = (id: string): Msg => ({ sv: `NIS2-bedömningen ${id} finns inte.`, en: `NIS2 assessment ${id} does not exist.` });

/** An area that stops the approval: not started and no reason given why. */
export const blocksApproval = (a: { status: string; reason: string }) => a.status === 'ej_paborjad' && a.reason.trim() === '';

/** "(a) Riskanalys …, (c) Kontinuitet …": areas named in a message. */
export const areaList = (keys: AreaKey[], lang: 'sv' | 'en') => keys.map((k) => `(${k}) ${AREA_NAMES[k][lang]}`).join(', ');

// ---- scope --------------------------------------------------------------------------------------------------

function toScope(org: OrgRow, r: typeof nis2Scopes.$inferSelect | undefined): Nis2Scope {
  return {
    org: { id: org.id, slug: org.slug, name: org.name },
    inScope: r?.inScope ?? false,
    entityType: (r?.entityType ?? null) as Nis2Scope['entityType'],
    sector: r?.sector ?? '',
    note: r?.note ?? '',
    registeredOn: r?.registeredOn ?? null,
    registrationReference: r?.registrationReference ?? '',
    version: r?.version ?? 0,
  };
}

export async function getScope(ctx: Ctx, slug: string): Promise<Nis2Scope> {
  const org = await orgFor(ctx, ctx.db, slug, 'risk.read');
  const [r] = await ctx.db.select().from(nis2Scopes).where(eq(nis2Scopes.orgId, org.id));
  return toScope(org, r);
}

/** Records whether the organisation is in scope of cybersäkerhetslagen; in scope needs the entity type (422). */
export async function putScope(ctx: Ctx, input: PutNis2Scope): Promise<Nis2Scope> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.read', 'risk.manage');
    const [cur] = await tx.select().from(nis2Scopes).where(eq(nis2Scopes.orgId, org.id)).for('update');
    if ((cur?.version ?? 0) !== input.version) throw staleVersion('nis2 scope', input.version, toScope(org, cur));
    const entityType = input.entityType === undefined ? (cur?.entityType ?? null) : input.entityType;
    if (input.inScope && !entityType) {
      throw unprocessable('entity_type_required', {
        sv: 'Ange om förvaltningen är en väsentlig eller viktig entitet när den omfattas av cybersäkerhetslagen.',
        en: 'Give whether the organisation is an essential or important entity when it is in scope of the Cybersecurity Act.',
      }, 'entityType');
    }
    const registeredOn = input.registeredOn === undefined ? (cur?.registeredOn ?? null) : input.registeredOn;
    const registrationReference = input.registrationReference ?? cur?.registrationReference ?? '';
    if (!input.inScope && (registeredOn || registrationReference)) {
      throw unprocessable('registration_not_in_scope', {
        sv: 'En anmälan enligt cybersäkerhetslagen kan bara registreras för en organisation som omfattas av lagen. Markera att den omfattas, eller ta bort anmälan.',
        en: 'A registration under the Cybersecurity Act can only be recorded for an organisation in scope of the Act. Mark it as in scope, or remove the registration.',
      }, 'registeredOn');
    }
    if (registrationReference && !registeredOn) {
      throw unprocessable('registration_date_required', {
        sv: 'Ange dagen för anmälan när en referens till anmälan anges.',
        en: 'Give the day of the registration when its reference is given.',
      }, 'registeredOn');
    }
    refuseAfterToday(registeredOn, 'registeredOn', 'registration_date_future',
      { sv: 'Dagen för anmälan', en: 'The day of the registration' },
      { sv: 'Registrera anmälan när den är gjord.', en: 'Record the registration once it has been made.' });
    const values = {
      inScope: input.inScope, entityType, sector: input.sector ?? cur?.sector ?? '', note: input.note ?? cur?.note ?? '', registeredOn, registrationReference,
    };
    const [row] = cur
      ? await tx.update(nis2Scopes).set({ ...values, version: sql`${nis2Scopes.version} + 1`, updatedAt: new Date() }).where(eq(nis2Scopes.id, cur.id)).returning()
      : await tx.insert(nis2Scopes).values({ ...values, orgId: org.id }).returning();
    await recordAudit(tx, ctx, { action: 'nis2.scope_update', entityType: 'nis2_scope', entityId: row.id, orgId: org.id, before: cur ?? null, after: row });
    return toScope(org, row);
  });
}

// ---- assessments --------------------------------------------------------------------------------------------

export async function toAssessment(db: Db, a: AssessmentRow, org: { id: string; slug: string; name: string }): Promise<Nis2Assessment> {
  const [areas, suppliers, training, names] = await Promise.all([
    db.select().from(nis2Areas).where(eq(nis2Areas.assessmentId, a.id)).orderBy(asc(nis2Areas.area)),
    db.select().from(nis2Suppliers).where(eq(nis2Suppliers.assessmentId, a.id)).orderBy(asc(sql`lower(${nis2Suppliers.supplier})`), asc(nis2Suppliers.createdAt)),
    db.select().from(nis2Training).where(eq(nis2Training.assessmentId, a.id)).orderBy(asc(nis2Training.date), asc(nis2Training.name)),
    userNames(db, [a.approvedBy]),
  ]);
  const count = (s: AreaStatus) => areas.filter((r) => r.status === s).length;
  return {
    id: a.id,
    org: { id: org.id, slug: org.slug, name: org.name },
    year: a.year,
    carriedFrom: a.carriedFrom,
    areas: areas.map(toArea),
    suppliers: suppliers.map((s) => ({ id: s.id, supplier: s.supplier, service: s.service, subSuppliers: s.subSuppliers, contract: s.contract, assessed: s.assessed, version: s.version })),
    training: training.map((x) => ({ id: x.id, name: x.name, date: x.date, version: x.version })),
    counts: { genomford: count('genomford'), delvis: count('delvis'), ej_paborjad: count('ej_paborjad'), ej_tillamplig: count('ej_tillamplig') },
    blocking: areas.filter(blocksApproval).map((r) => r.area as AreaKey),
    approved: a.approvedAt ? { at: a.approvedAt.toISOString(), by: a.approvedBy ? (names.get(a.approvedBy) ?? '') : '' } : null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toArea(r: AreaRow): Nis2Area {
  const key = r.area as AreaKey;
  return {
    id: r.id, area: key, name_sv: AREA_NAMES[key].sv, name_en: AREA_NAMES[key].en, status: r.status as AreaStatus, reason: r.reason,
    description: r.description, gaps: r.gaps, measure: r.measure, measureOwner: r.measureOwner, dueDate: r.dueDate, evidence: r.evidence, version: r.version,
  };
}

/** The organisation's assessments, newest year first. */
export async function listAssessments(ctx: Ctx, q: { org: string }): Promise<Nis2Assessment[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'risk.read');
  const rows = await ctx.db.select().from(nis2Assessments).where(eq(nis2Assessments.orgId, org.id)).orderBy(desc(nis2Assessments.year));
  return Promise.all(rows.map((r) => toAssessment(ctx.db, r, org)));
}

/**
 * The assessment and its org, checked for reading (404 outside the caller's scope) and, with `write`, for that
 * permission (403). For changes the row is locked, so a change and an approval never cross.
 */
export async function loadAssessment(ctx: Ctx, db: Db, id: string, write?: 'risk.manage' | 'risk.decide'): Promise<{ cur: AssessmentRow; org: OrgRow }> {
  const q = db.select().from(nis2Assessments).where(eq(nis2Assessments.id, id));
  const [cur] = write ? await q.for('update') : await q;
  if (!cur) throw notFound(missing(id), 'id');
  const org = await recordOrg(ctx, db, cur.orgId, 'risk.read', write, missing(id));
  return { cur, org };
}

export async function getAssessment(ctx: Ctx, id: string): Promise<Nis2Assessment> {
  const { cur, org } = await loadAssessment(ctx, ctx.db, id);
  return toAssessment(ctx.db, cur, org);
}

/** 409 approved: an approved assessment is locked until someone who decides reopens it. */
export function refuseApproved(cur: AssessmentRow): void {
  if (!cur.approvedAt) return;
  throw conflict('approved', {
    sv: `NIS2-åtgärderna för ${cur.year} är godkända av ledningen och därmed låsta. Förvaltningschefen kan öppna dem för ändring igen.`,
    en: `The NIS2 measures for ${cur.year} are approved by management and therefore locked. The head of administration can reopen them for changes.`,
  });
}

/**
 * Starts the year's assessment with the ten areas. The latest earlier year's assessment is the starting point: each
 * area's status, reason, description, gaps, planned measure, owner and evidence are copied (a due date only when it
 * falls in the new year or later), and its suppliers are copied as not yet assessed for the new year. Training and
 * the approval belong to their year and are not copied. The organisation must be in scope of the law (422).
 */
export async function createAssessment(ctx: Ctx, input: CreateNis2Assessment): Promise<Nis2Assessment> {
  const year = checkYear(input.year, 'year');
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.read', 'risk.manage');
    const [scope] = await tx.select().from(nis2Scopes).where(eq(nis2Scopes.orgId, org.id));
    if (!scope?.inScope) {
      throw unprocessable('not_in_scope', {
        sv: `${org.name} är inte markerad som omfattad av cybersäkerhetslagen. Markera det först.`,
        en: `${org.name} is not marked as in scope of the Cybersecurity Act. Mark it first.`,
      }, 'org');
    }
    const [dup] = await tx.select({ id: nis2Assessments.id }).from(nis2Assessments).where(and(eq(nis2Assessments.orgId, org.id), eq(nis2Assessments.year, year)));
    if (dup) {
      throw conflict('duplicate_year', { sv: `${org.name} har redan en NIS2-bedömning för ${year}.`, en: `${org.name} already has a NIS2 assessment for ${year}.` }, 'year', { existingId: dup.id });
    }
    const [prev] = await tx.select().from(nis2Assessments).where(and(eq(nis2Assessments.orgId, org.id), lt(nis2Assessments.year, year))).orderBy(desc(nis2Assessments.year)).limit(1);
    const [row] = await tx.insert(nis2Assessments).values({ orgId: org.id, year, carriedFrom: prev?.year ?? null }).returning();
    const before = prev ? new Map((await tx.select().from(nis2Areas).where(eq(nis2Areas.assessmentId, prev.id))).map((r) => [r.area, r])) : new Map<string, AreaRow>();
    await tx.insert(nis2Areas).values(AREAS.map((area) => {
      const p = before.get(area);
      return {
        assessmentId: row.id, area,
        ...(p ? {
          status: p.status, reason: p.reason, description: p.description, gaps: p.gaps, measure: p.measure, measureOwner: p.measureOwner,
          dueDate: p.dueDate && p.dueDate >= `${year}-01-01` ? p.dueDate : null, evidence: p.evidence,
        } : {}),
      };
    }));
    if (prev) {
      const sup = await tx.select().from(nis2Suppliers).where(eq(nis2Suppliers.assessmentId, prev.id));
      if (sup.length) {
        await tx.insert(nis2Suppliers).values(sup.map((s) => ({
          assessmentId: row.id, supplier: s.supplier, service: s.service, subSuppliers: s.subSuppliers, contract: s.contract, assessed: false,
        })));
      }
    }
    await recordAudit(tx, ctx, { action: 'nis2.assessment_create', entityType: 'nis2_assessment', entityId: row.id, orgId: org.id, after: { ...row, carriedFrom: prev?.year ?? null } });
    return toAssessment(tx, row, org);
  });
}

/** Counts a change of the assessment's parts in its version (an approval covers what the approver saw). */
export async function touch(tx: Db, id: string): Promise<AssessmentRow> {
  const [row] = await tx.update(nis2Assessments).set({ version: sql`${nis2Assessments.version} + 1`, updatedAt: new Date() }).where(eq(nis2Assessments.id, id)).returning();
  return row;
}

/**
 * Article 20: the förvaltningschef (risk.decide) approves the year's measures. Every area needs a status other than
 * ej påbörjad, or a reason why it is not started (422 naming the areas). Records who and when (`at`: now; the demo
 * gives its day in the past); locks the assessment.
 */
export async function approveAssessment(ctx: Ctx, id: string, version: number, at: Date = new Date()): Promise<Nis2Assessment> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await loadAssessment(ctx, tx, id, 'risk.decide');
    if (cur.version !== version) throw staleVersion('nis2 assessment', version, await toAssessment(tx, cur, org));
    refuseApproved(cur);
    const areas = await tx.select().from(nis2Areas).where(eq(nis2Areas.assessmentId, id)).orderBy(asc(nis2Areas.area));
    const blocking = areas.filter(blocksApproval).map((r) => r.area as AreaKey);
    if (blocking.length) {
      throw unprocessable('areas_not_started', {
        sv: `Åtgärderna kan inte godkännas: ${blocking.length === 1 ? 'ett område är' : `${blocking.length} områden är`} ej påbörjade utan angivet skäl: ${areaList(blocking, 'sv')}. Ange status eller skäl först.`,
        en: `The measures cannot be approved: ${blocking.length === 1 ? 'one area is' : `${blocking.length} areas are`} not started with no reason given: ${areaList(blocking, 'en')}. Give a status or a reason first.`,
      }, 'areas', { areas: blocking });
    }
    const [row] = await tx.update(nis2Assessments)
      .set({ approvedAt: at, approvedBy: ctx.principal?.userId ?? null, version: sql`${nis2Assessments.version} + 1`, updatedAt: new Date() })
      .where(eq(nis2Assessments.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'nis2.approve', entityType: 'nis2_assessment', entityId: id, orgId: org.id, before: cur, after: row });
    return toAssessment(tx, row, org);
  });
}

/** Reopens an approved assessment for changes (risk.decide); the approval is then gone until given again. */
export async function reopenAssessment(ctx: Ctx, id: string, version: number): Promise<Nis2Assessment> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await loadAssessment(ctx, tx, id, 'risk.decide');
    if (cur.version !== version) throw staleVersion('nis2 assessment', version, await toAssessment(tx, cur, org));
    if (!cur.approvedAt) {
      throw conflict('not_approved', { sv: `NIS2-åtgärderna för ${cur.year} är inte godkända och behöver inte öppnas.`, en: `The NIS2 measures for ${cur.year} are not approved and need no reopening.` });
    }
    const [row] = await tx.update(nis2Assessments)
      .set({ approvedAt: null, approvedBy: null, version: sql`${nis2Assessments.version} + 1`, updatedAt: new Date() })
      .where(eq(nis2Assessments.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'nis2.reopen', entityType: 'nis2_assessment', entityId: id, orgId: org.id, before: cur, after: row });
    return toAssessment(tx, row, org);
  });
}
