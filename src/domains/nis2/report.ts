import { and, asc, eq } from 'drizzle-orm';
import { stockholmDate } from '../../server/platform/time';
import type { SectionProvider } from '../reports/provider';
import { userNames } from '../users/names';
import { AREA_NAMES, CSL_IN_FORCE, type AreaKey, type AreaStatus, type ENTITY_TYPES } from './contract';
import { nis2Areas, nis2Assessments, nis2Scopes, nis2Suppliers, nis2Training } from './table';

export interface Nis2AreaFigure {
  area: AreaKey;
  name: string;
  status: AreaStatus;
  reason: string;
  gaps: string;
  measure: string;
  measureOwner: string;
  dueDate: string | null;
}

export interface Nis2Figures {
  /** Whether the organisation is marked as in scope of cybersäkerhetslagen, as which entity and in which sector. */
  inScope: boolean;
  entityType: (typeof ENTITY_TYPES)[number] | null;
  sector: string;
  /** The anmälan to the supervisory authority's register, when made by the report's day. */
  registration: { date: string; reference: string } | null;
  /** The organisation is in scope and the law was in force by the report's day, so the anmälan was due. */
  registrationDue: boolean;
  /** The organisation has an assessment for the year. */
  assessed: boolean;
  /** The year the assessment was carried forward from. */
  carriedFrom: number | null;
  areas: Nis2AreaFigure[];
  counts: Record<AreaStatus, number>;
  /** Management's approval of the measures (article 20), by the report's day: the day (Stockholm) and who. */
  approved: { date: string; by: string } | null;
  /** Members of the förvaltningsledning and the day of their training, in date order. */
  training: { name: string; date: string }[];
  suppliers: { total: number; assessed: number; withoutContract: number; withSubSuppliers: number };
  supplierList: { supplier: string; service: string; subSuppliers: string; contract: boolean; assessed: boolean }[];
}

/**
 * `nis2`: the organisation's security measures under cybersäkerhetslagen for the year: scope and entity type, the
 * status of each area (a)–(j) with the counts, whether management approved the measures (and when, by the report's
 * day) and was trained, and how many suppliers of the supply chain are assessed.
 */
export const sectionProviders: SectionProvider<Nis2Figures>[] = [
  {
    key: 'nis2',
    title: { sv: 'Cybersäkerhetslagen (NIS2): säkerhetsåtgärder', en: 'Cybersecurity Act (NIS2): security measures' },
    order: 25,
    async figures({ ctx, org, year, asOf }) {
      ctx.authz.require('risk.read', org.path);
      const [scope] = await ctx.db.select().from(nis2Scopes).where(eq(nis2Scopes.orgId, org.id));
      const [a] = await ctx.db.select().from(nis2Assessments).where(and(eq(nis2Assessments.orgId, org.id), eq(nis2Assessments.year, year)));
      const counts: Record<AreaStatus, number> = { genomford: 0, delvis: 0, ej_paborjad: 0, ej_tillamplig: 0 };
      const day = asOf ? stockholmDate(asOf) : null;
      const registered = scope?.inScope && scope.registeredOn && (!day || scope.registeredOn <= day);
      const base = {
        inScope: scope?.inScope ?? false, entityType: (scope?.entityType ?? null) as Nis2Figures['entityType'], sector: scope?.sector ?? '',
        registration: registered ? { date: scope.registeredOn!, reference: scope.registrationReference } : null,
        registrationDue: (scope?.inScope ?? false) && (day ?? stockholmDate()) >= CSL_IN_FORCE,
      };
      if (!a) {
        return { ...base, assessed: false, carriedFrom: null, areas: [], counts, approved: null, training: [], suppliers: { total: 0, assessed: 0, withoutContract: 0, withSubSuppliers: 0 }, supplierList: [] };
      }
      const [areas, suppliers, training, names] = await Promise.all([
        ctx.db.select().from(nis2Areas).where(eq(nis2Areas.assessmentId, a.id)).orderBy(asc(nis2Areas.area)),
        ctx.db.select().from(nis2Suppliers).where(eq(nis2Suppliers.assessmentId, a.id)),
        ctx.db.select().from(nis2Training).where(eq(nis2Training.assessmentId, a.id)).orderBy(asc(nis2Training.date), asc(nis2Training.name)),
        userNames(ctx.db, [a.approvedBy]),
      ]);
      for (const r of areas) counts[r.status as AreaStatus]++;
      const approvedInTime = a.approvedAt && (!asOf || a.approvedAt <= asOf);
      const sorted = [...suppliers].sort((x, y) => x.supplier.localeCompare(y.supplier, 'sv'));
      return {
        ...base,
        assessed: true,
        carriedFrom: a.carriedFrom,
        areas: areas.map((r) => ({
          area: r.area as AreaKey, name: AREA_NAMES[r.area as AreaKey].sv, status: r.status as AreaStatus, reason: r.reason, gaps: r.gaps,
          measure: r.measure, measureOwner: r.measureOwner, dueDate: r.dueDate,
        })),
        counts,
        approved: approvedInTime ? { date: stockholmDate(a.approvedAt!), by: (a.approvedBy && names.get(a.approvedBy)) || '' } : null,
        training: training.filter((x) => !day || x.date <= day).map((x) => ({ name: x.name, date: x.date })),
        suppliers: {
          total: suppliers.length,
          assessed: suppliers.filter((s) => s.assessed).length,
          withoutContract: suppliers.filter((s) => !s.contract).length,
          withSubSuppliers: suppliers.filter((s) => s.subSuppliers.trim() !== '').length,
        },
        supplierList: sorted.map((s) => ({ supplier: s.supplier, service: s.service, subSuppliers: s.subSuppliers, contract: s.contract, assessed: s.assessed })),
      };
    },
  },
];
