import { and, asc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { endOfDay, yearRange } from '../../server/platform/time';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { AppError, conflict, forbidden, type Msg } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgGroupMembers, orgs } from '../org/table';
import { roleAssignments, users } from '../users/table';
import { auditSafe, canSeeProtected, incidentNotFound, manageable, readable } from './access';
import {
  BREACH_CAUSE_WORDS, BREACH_TYPE_WORDS, DATA_CATEGORY_WORDS, NOT_INFORMING_WORDS, REQUIRED_FOR_COMPLETION,
  SUBJECT_CATEGORY_WORDS, criminalCategories, specialCategories, type BreachCause, type BreachType, type DataCategory,
  type NotInformingReason, type SubjectCategory,
} from './breach-model';
import { imyNotifiedLate, isPersonalDataBreach } from './clocks';
import type { BreachDto, ImyBasis, UpdateBreach } from './contract';
import { clockInput, incidentNumber, type IncidentRow, type LoadedIncident } from './dto';
import { closedCaseRefusal } from './transitions';
import { incidentActions, incidentBreaches, incidents } from './table';

type BreachRow = typeof incidentBreaches.$inferSelect;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The personal data breach record of one incident (GDPR art. 33.3/33.5/34), read with incident.read and written with
 * incident.manage on the incident's organisation, like the incident. Only for a personal data breach (kind
 * Personuppgiftsincident or personal data "ja": clocks.ts isPersonalDataBreach), else 409. On a protected record the
 * free texts are shown only to those who may read its description, every read by them is audited, and writing needs
 * the same permission (the texts would otherwise be replaced unseen).
 */
function refuseNonBreach(r: LoadedIncident): void {
  if (!isPersonalDataBreach(r.i)) {
    throw conflict('not_a_personal_data_breach', {
      sv: 'Incidenten är inte en personuppgiftsincident (typ Personuppgiftsincident eller personuppgifter "Ja"); dokumentationen enligt art. 33.5 gäller bara sådana.',
      en: 'The incident is not a personal data breach (kind Personuppgiftsincident or personal data "yes"); the art. 33.5 record applies to those only.',
    }, 'kind');
  }
}

/** Staff only: the reporter reading their own report (without incident.read) is not shown the handlers' work. */
async function staffReadable(ctx: Ctx, db: Db, id: string): Promise<LoadedIncident> {
  const r = await readable(ctx, db, id);
  if (!ctx.authz.can('incident.read', r.org.path)) throw incidentNotFound(id);
  return r;
}

/** When the rules ask for the reasons: IMY notified after 72 h (art. 33.1), and art. 34.3 when high risk and nobody informed. */
export function breachDuties(i: IncidentRow) {
  return {
    delayReasonRequired: imyNotifiedLate(i),
    notInformingReasonRequired: i.riskAssessment === 'hog_risk' && i.subjectsInformedAt === null,
  };
}

const EMPTY: Omit<BreachRow, 'incidentId'> = {
  breachTypes: [], subjectCategories: [], subjectCategoriesOther: '', subjectCount: null, subjectCountUnknown: false,
  dataCategories: [], dataCategoriesOther: '', recordCount: null, recordCountUnknown: false, likelyConsequences: '',
  measuresTaken: '', cause: null, delayReason: '', notInformingReason: null, notInformingText: '', documentedAt: null,
  documentedBy: null, version: 0, createdAt: new Date(0), updatedAt: new Date(0),
};

async function loadBreach(db: Db, incidentId: string): Promise<BreachRow | undefined> {
  const [row] = await db.select().from(incidentBreaches).where(eq(incidentBreaches.incidentId, incidentId));
  return row;
}

async function toDto(db: Db, r: LoadedIncident, row: BreachRow | undefined, show: boolean): Promise<BreachDto> {
  const b = row ?? { ...EMPTY, incidentId: r.i.id };
  const hidden = r.i.protectedIdentity && !show;
  const text = (v: string) => (hidden ? null : v);
  const [by] = b.documentedBy ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, b.documentedBy)) : [];
  return {
    incidentId: r.i.id,
    exists: !!row,
    version: b.version,
    breachTypes: b.breachTypes as BreachType[],
    subjectCategories: b.subjectCategories as SubjectCategory[],
    subjectCategoriesOther: text(b.subjectCategoriesOther),
    subjectCount: b.subjectCount,
    subjectCountUnknown: b.subjectCountUnknown,
    dataCategories: b.dataCategories as DataCategory[],
    dataCategoriesOther: text(b.dataCategoriesOther),
    recordCount: b.recordCount,
    recordCountUnknown: b.recordCountUnknown,
    likelyConsequences: text(b.likelyConsequences),
    measuresTaken: text(b.measuresTaken),
    cause: b.cause as BreachCause | null,
    delayReason: text(b.delayReason),
    notInformingReason: b.notInformingReason as NotInformingReason | null,
    notInformingText: text(b.notInformingText),
    protected: hidden,
    specialCategories: specialCategories(b.dataCategories),
    criminalData: criminalCategories(b.dataCategories).length > 0,
    ...breachDuties(r.i),
    documentedAt: iso(b.documentedAt),
    documentedBy: by ?? null,
    updatedAt: row ? iso(row.updatedAt) : null,
  };
}

/** A read of a protected record's content, audited as the incident page's read is (service.ts getIncident). */
async function auditProtectedRead(ctx: Ctx, r: LoadedIncident, action: string, after?: Record<string, unknown>) {
  await recordAudit(ctx.db, ctx, { action, entityType: 'incident', entityId: r.i.id, orgId: r.org.id, after });
}

export async function getBreach(ctx: Ctx, id: string): Promise<BreachDto> {
  const r = await staffReadable(ctx, ctx.db, id);
  refuseNonBreach(r);
  const show = canSeeProtected(ctx, r);
  const row = await loadBreach(ctx.db, id);
  if (r.i.protectedIdentity && show && row) await auditProtectedRead(ctx, r, 'incident.breach.read_protected');
  return toDto(ctx.db, r, row, show);
}

type FieldError = { field: string; message_sv: string; message_en: string };
const fieldError = (field: string, m: Msg): FieldError => ({ field, message_sv: m.sv, message_en: m.en });

/** The record's rules as field errors (none: it may be saved). */
export function breachProblems(i: IncidentRow, b: Omit<UpdateBreach, 'version' | 'markDocumented'>, complete: boolean): FieldError[] {
  const out: FieldError[] = [];
  const duties = breachDuties(i);
  if (b.subjectCount !== null && b.subjectCountUnknown) {
    out.push(fieldError('subjectCount', { sv: 'Ange ett ungefärligt antal registrerade eller kryssa i okänt, inte båda.', en: 'Give an approximate number of data subjects or tick unknown, not both.' }));
  }
  if (b.recordCount !== null && b.recordCountUnknown) {
    out.push(fieldError('recordCount', { sv: 'Ange ett ungefärligt antal poster eller kryssa i okänt, inte båda.', en: 'Give an approximate number of records or tick unknown, not both.' }));
  }
  if (duties.delayReasonRequired && !b.delayReason.trim()) {
    out.push(fieldError('delayReason', {
      sv: 'IMY underrättades mer än 72 timmar efter upptäckten: ange skälen till förseningen (art. 33.1).',
      en: 'IMY was notified more than 72 hours after the discovery: give the reasons for the delay (art. 33.1).',
    }));
  }
  if (complete && duties.notInformingReasonRequired && !b.notInformingReason) {
    out.push(fieldError('notInformingReason', {
      sv: 'Risken är bedömd som hög och de registrerade har inte informerats: ange skälet enligt art. 34.3 (a, b eller c).',
      en: 'The risk is assessed as high and the data subjects have not been informed: give the reason under art. 34.3 (a, b or c).',
    }));
  }
  if (complete) {
    const missing: Record<(typeof REQUIRED_FOR_COMPLETION)[number], [boolean, Msg]> = {
      breachTypes: [b.breachTypes.length === 0, { sv: 'Välj minst en typ av incident.', en: 'Choose at least one type of breach.' }],
      subjectCategories: [b.subjectCategories.length === 0 && !b.subjectCategoriesOther.trim(), { sv: 'Välj minst en kategori av registrerade (eller ange annan).', en: 'Choose at least one category of data subjects (or give another).' }],
      dataCategories: [b.dataCategories.length === 0 && !b.dataCategoriesOther.trim(), { sv: 'Välj minst en kategori av personuppgifter (eller ange annan).', en: 'Choose at least one category of personal data (or give another).' }],
      likelyConsequences: [!b.likelyConsequences.trim(), { sv: 'Beskriv de sannolika följderna.', en: 'Describe the likely consequences.' }],
      measuresTaken: [!b.measuresTaken.trim(), { sv: 'Beskriv de åtgärder som vidtagits eller föreslagits.', en: 'Describe the measures taken or proposed.' }],
    };
    for (const f of REQUIRED_FOR_COMPLETION) if (missing[f][0]) out.push(fieldError(f, missing[f][1]));
  }
  return out;
}

/**
 * Saves the record (creates it at version 0). `markDocumented` marks it complete (who and when); a complete record
 * stays complete on later edits, which must keep what completion needs. Every write is audited, the free texts of a
 * protected record left out of the audit row.
 */
export async function putBreach(ctx: Ctx, id: string, input: UpdateBreach): Promise<BreachDto> {
  await inTx(ctx, async (tx) => {
    const now = new Date();
    const r = await manageable(ctx, tx, id, now);
    refuseNonBreach(r);
    if (!canSeeProtected(ctx, r)) {
      throw forbidden({
        sv: 'Incidenten rör skyddade personuppgifter; dokumentationen kan bara ändras av den som får läsa beskrivningen.',
        en: 'The incident concerns protected identities; its breach record can be changed only by those who may read its description.',
      });
    }
    // Locks the incident's breach row (or, when there is none, lets the insert's primary key decide between two writers).
    const [cur] = await tx.select().from(incidentBreaches).where(eq(incidentBreaches.incidentId, id)).for('update');
    const shown = cur ? { version: cur.version } : { version: 0 };
    if ((cur?.version ?? 0) !== input.version) throw staleVersion('incident_breach', input.version, shown);
    const { version, markDocumented, ...fields } = input;
    const complete = !!markDocumented || !!cur?.documentedAt;
    const problems = breachProblems(r.i, fields, complete);
    if (problems.length) {
      const first = problems[0];
      const msg = problems.length === 1 ? { sv: first.message_sv, en: first.message_en } : {
        sv: `Dokumentationen kan inte sparas: ${problems.length} fält behöver rättas (${problems.map((p) => p.field).join(', ')}).`,
        en: `The record cannot be saved: ${problems.length} fields need correcting (${problems.map((p) => p.field).join(', ')}).`,
      };
      throw new AppError(422, complete ? 'breach_record_incomplete' : 'breach_record_invalid', msg, first.field, {}, problems);
    }
    // On a closed case, clearing the art. 34.3 reason would open the art. 34 duty again, and nobody would be reminded.
    const before = { ...clockInput(r), art34Exemption: cur?.notInformingReason ?? null };
    const reopened = closedCaseRefusal(before, { ...before, art34Exemption: fields.notInformingReason ?? null }, ['notInformingReason'], now);
    if (reopened) throw conflict(reopened.code, reopened.msg, 'notInformingReason', { clocks: reopened.clocks });
    const documented = cur?.documentedAt ? { documentedAt: cur.documentedAt, documentedBy: cur.documentedBy }
      : markDocumented ? { documentedAt: now, documentedBy: ctx.principal?.userId ?? null } : { documentedAt: null, documentedBy: null };
    const values = { ...fields, ...documented };
    let row: BreachRow | undefined;
    if (!cur) {
      [row] = await tx.insert(incidentBreaches).values({ incidentId: id, ...values, createdAt: now, updatedAt: now }).onConflictDoNothing().returning();
      if (!row) throw staleVersion('incident_breach', version, { version: (await loadBreach(tx, id))?.version ?? 0 });
    } else {
      [row] = await tx.update(incidentBreaches).set({ ...values, version: sql`${incidentBreaches.version} + 1`, updatedAt: now })
        .where(and(eq(incidentBreaches.incidentId, id), eq(incidentBreaches.version, version))).returning();
      if (!row) throw staleVersion('incident_breach', version, { version: (await loadBreach(tx, id))?.version ?? cur.version });
    }
    const safe = (b: BreachRow | undefined) => (b ? auditSafe(r.i.protectedIdentity, 'incident_breach', b) : undefined);
    // Completing is its own entry; an edit after completion is named so (the record stays complete).
    const action = markDocumented && !cur?.documentedAt ? 'incident.breach.document' : !cur ? 'incident.breach.create'
      : cur.documentedAt ? 'incident.breach.update_documented' : 'incident.breach.update';
    await recordAudit(tx, ctx, {
      action,
      entityType: 'incident_breach', entityId: id, orgId: r.org.id, before: safe(cur), after: safe(row),
    });
  });
  return getBreach(ctx, id);
}

/** The DSO(s) of an organisation: active users holding the role dso on it or above, directly or through a samverkansgrupp. */
async function dsoContact(db: Db, path: string): Promise<{ name: string; email: string } | null> {
  const ids = path.split('/').filter(Boolean);
  const [u] = await db.select({ name: users.name, email: users.email }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.role, 'dso'), eq(users.active, true), or(
      inArray(roleAssignments.orgId, ids),
      inArray(roleAssignments.groupId, db.select({ id: orgGroupMembers.groupId }).from(orgGroupMembers).where(inArray(orgGroupMembers.orgId, ids))),
    )))
    .orderBy(asc(users.name)).limit(1);
  return u ?? null;
}

/**
 * The personuppgiftsansvarig for an organisation: the nearest nämnd recorded on its path (itself or an ancestor), and
 * the nearest organisationsnummer, which may sit higher (a city is one legal person: the number on the stad).
 */
async function controllerOf(db: Db, path: string): Promise<{ controller: string | null; orgNumber: string | null }> {
  const ids = path.split('/').filter(Boolean);
  const rows = await db.select({ id: orgs.id, name: orgs.controllerName, number: orgs.controllerOrgNumber }).from(orgs).where(inArray(orgs.id, ids));
  const nearest = [...ids].reverse().map((id) => rows.find((r) => r.id === id));
  return {
    controller: nearest.find((r) => r?.name)?.name ?? null,
    orgNumber: nearest.find((r) => r?.number)?.number ?? null,
  };
}

const labelled = <K extends string>(words: Record<K, { sv: string; en: string }>, k: K) => ({ key: k, sv: words[k].sv, en: words[k].en });

/**
 * Underlag för anmälan till IMY: what art. 33.3 asks, in the order of IMY's e-service form, from the incident and its
 * breach record. Read with incident.read; audited as an export. On a protected record the free texts (the
 * description's and the record's) are left out (null) for those who may not read them.
 */
export async function imyBasis(ctx: Ctx, id: string): Promise<ImyBasis> {
  const r = await staffReadable(ctx, ctx.db, id);
  refuseNonBreach(r);
  const show = canSeeProtected(ctx, r);
  const hidden = r.i.protectedIdentity && !show;
  const text = (v: string | null | undefined) => (hidden ? null : v ?? '');
  const b = (await loadBreach(ctx.db, id)) ?? { ...EMPTY, incidentId: id };
  const [register] = await ctx.db.select({ name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, r.i.registerOrgId));
  const actions = await ctx.db.select().from(incidentActions).where(eq(incidentActions.incidentId, id)).orderBy(asc(incidentActions.createdAt));
  const duties = breachDuties(r.i);
  const out: ImyBasis = {
    incident: { id, number: incidentNumber(r.i), title: r.i.title },
    organisation: { name: r.org.name, register: register?.name ?? r.org.name, ...(await controllerOf(ctx.db, r.org.path)) },
    contact: await dsoContact(ctx.db, r.org.path),
    occurredAt: iso(r.i.occurredAt),
    discoveredAt: iso(r.i.discoveredAt),
    reportedToImy: r.i.reportedToImy,
    imyReportedAt: iso(r.i.imyReportedAt),
    imyReference: r.i.imyReference,
    description: text(r.i.description),
    breachTypes: (b.breachTypes as BreachType[]).map((k) => labelled(BREACH_TYPE_WORDS, k)),
    cause: b.cause ? labelled(BREACH_CAUSE_WORDS, b.cause as BreachCause) : null,
    subjectCategories: (b.subjectCategories as SubjectCategory[]).map((k) => labelled(SUBJECT_CATEGORY_WORDS, k)),
    subjectCategoriesOther: text(b.subjectCategoriesOther),
    subjectCount: b.subjectCount,
    subjectCountUnknown: b.subjectCountUnknown,
    dataCategories: (b.dataCategories as DataCategory[]).map((k) => ({ ...labelled(DATA_CATEGORY_WORDS, k), special: !!DATA_CATEGORY_WORDS[k].special, criminal: !!DATA_CATEGORY_WORDS[k].criminal })),
    dataCategoriesOther: text(b.dataCategoriesOther),
    recordCount: b.recordCount,
    recordCountUnknown: b.recordCountUnknown,
    likelyConsequences: text(b.likelyConsequences),
    riskAssessment: r.i.riskAssessment as ImyBasis['riskAssessment'],
    measuresTaken: text(b.measuresTaken),
    actions: actions.map((a) => ({ title: hidden ? null : a.title, status: a.status, dueDate: a.dueDate })),
    subjectsInformedAt: iso(r.i.subjectsInformedAt),
    notInforming: r.i.subjectsInformedAt === null && (b.notInformingReason || b.notInformingText)
      ? { reason: b.notInformingReason ? labelled(NOT_INFORMING_WORDS, b.notInformingReason as NotInformingReason) : null, text: text(b.notInformingText) }
      : null,
    lateNotification: duties.delayReasonRequired,
    delayReason: text(b.delayReason),
    documentedAt: iso(b.documentedAt),
    protected: hidden,
  };
  await auditProtectedRead(ctx, r, 'incident.breach.imy_basis', { number: out.incident.number, protectedTexts: r.i.protectedIdentity ? (hidden ? 'hidden' : 'shown') : 'none' });
  return out;
}

export interface BreachDocumentation {
  /** Personal data breaches reported in the year (by the as-of day). */
  breaches: number;
  /** Of those, with the art. 33.5 record marked documented by then. */
  documented: number;
  /** Of those, notified to IMY by then more than 72 h after discovery (clocks.ts imyNotifiedLate). */
  lateNotifications: number;
  /** Of those, whose record names special categories of data (art. 9). */
  withSpecialCategories: number;
}

/**
 * The report's `incidents.breachDocumentation`: the year's personal data breaches of an organisation and its subtree
 * and their documentation, as of the end of `asOf` (a Stockholm day) when given. Breaches are few (tens a year per
 * förvaltning), so the clock rule runs on each row rather than being written again in SQL.
 */
export async function breachDocumentation(db: Db, orgPath: string, year: number, asOf?: string): Promise<BreachDocumentation> {
  const [from, to] = yearRange(year);
  const cut = asOf ? endOfDay(asOf) : null;
  const upper = cut && cut.getTime() < to.getTime() ? cut : to;
  const rows = await db.select({ i: incidents, documentedAt: incidentBreaches.documentedAt, dataCategories: incidentBreaches.dataCategories })
    .from(incidents)
    .innerJoin(orgs, eq(orgs.id, incidents.orgId))
    .leftJoin(incidentBreaches, eq(incidentBreaches.incidentId, incidents.id))
    .where(and(
      sql`${orgs.path} like ${escapeLike(orgPath) + '%'}`,
      gte(incidents.reportedAt, from), lt(incidents.reportedAt, upper),
      sql`(${incidents.personalData} = 'ja' or ${incidents.kind} = 'Personuppgiftsincident')`,
    ));
  const by = (d: Date | null) => d !== null && (!cut || d.getTime() <= cut.getTime());
  const out: BreachDocumentation = { breaches: rows.length, documented: 0, lateNotifications: 0, withSpecialCategories: 0 };
  for (const r of rows) {
    if (by(r.documentedAt)) out.documented++;
    if (by(r.i.imyReportedAt) && imyNotifiedLate(r.i)) out.lateNotifications++;
    if (specialCategories(r.dataCategories ?? []).length > 0) out.withSpecialCategories++;
  }
  return out;
}
