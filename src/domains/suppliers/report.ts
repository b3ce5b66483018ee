import { and, eq, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { stockholmDate } from '../../server/platform/time';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { followUpOverdue, pubMissing, tiaMissing, withoutContract } from './rules';
import { suppliers } from './table';

/** Why a supplier needs attention. */
export const ATTENTION_REASONS = ['pub_saknas', 'tia_saknas', 'uppfoljning_forsenad', 'bedomning_brister'] as const;
export type SupplierAttentionReason = (typeof ATTENTION_REASONS)[number];

export interface SupplierAttentionFigure {
  name: string;
  /** The förvaltning in a city's report, else the report org; `unit` is the organisation it is recorded on. */
  org: string;
  unit: string;
  services: string;
  /** The latest assessment's day, or null when never assessed. */
  assessed: string | null;
  reasons: SupplierAttentionReason[];
}

export interface SupplierFigures {
  /** The day the follow-up is judged on: the year's last day, or the report's as-of day when earlier. */
  asOf: string;
  counts: {
    /** Active (not archived) suppliers. */
    total: number;
    personalData: number;
    /** Processing personal data without a PUB-avtal 'ja'. */
    pubMissing: number;
    thirdCountry: number;
    /** Third-country transfer under an art. 46 tool without a TIA (an adequacy decision needs none). */
    tiaMissing: number;
    /** No assessment in the twelve months up to asOf. */
    followUpOverdue: number;
    /** Sub-supplier rows marked without a contract with the förvaltning. */
    subSuppliersWithoutContract: number;
  };
  attention: SupplierAttentionFigure[];
}

/**
 * `suppliers`: the leverantörsregister of the report org's subtree as it stands (active suppliers): how many, how many
 * process personal data and lack a PUB-avtal, transfer to third countries without a TIA, are not assessed in the last
 * twelve months, and the sub-suppliers without a contract; with the list of suppliers needing attention.
 */
export const sectionProviders: SectionProvider<SupplierFigures>[] = [
  {
    key: 'suppliers',
    title: { sv: 'Leverantörer och underleverantörer', en: 'Suppliers and sub-suppliers' },
    order: 46,
    async figures({ ctx, org, year, asOf }) {
      ctx.authz.require('object.read', org.path);
      const day = [`${year}-12-31`, stockholmDate(asOf)].sort()[0];
      const s = suppliers;
      const rows = await ctx.db.select({ s, unit: orgs.name, path: orgs.path }).from(s).innerJoin(orgs, eq(orgs.id, s.orgId))
        .where(and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('object.read', orgs.path), eq(s.archived, false)));
      const depth = org.path.split('/').filter(Boolean).length;
      const tops = org.type === 'stad'
        ? new Map((await ctx.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(like(orgs.path, escapeLike(org.path) + '%'))).map((o) => [o.id, o.name]))
        : new Map<string, string>();
      const top = (path: string) => (org.type === 'stad' ? tops.get(path.split('/').filter(Boolean)[depth] ?? org.id) ?? org.name : org.name);
      const overdue = (r: (typeof rows)[number]) => followUpOverdue(r.s.assessmentDate, day);
      const attention = rows
        .map((r): SupplierAttentionFigure => ({
          name: r.s.name, org: top(r.path), unit: r.unit, services: r.s.services, assessed: r.s.assessmentDate,
          reasons: [
            ...(pubMissing(r.s.processesPersonalData, r.s.pubAgreement) ? ['pub_saknas' as const] : []),
            ...(tiaMissing(r.s) ? ['tia_saknas' as const] : []),
            ...(overdue(r) ? ['uppfoljning_forsenad' as const] : []),
            ...(r.s.assessmentResult === 'brister' || r.s.assessmentResult === 'ej_godtagbar' ? ['bedomning_brister' as const] : []),
          ],
        }))
        .filter((r) => r.reasons.length > 0)
        .sort((x, y) => x.name.localeCompare(y.name, 'sv') || x.org.localeCompare(y.org, 'sv'));
      return {
        asOf: day,
        counts: {
          total: rows.length,
          personalData: rows.filter((r) => r.s.processesPersonalData).length,
          pubMissing: rows.filter((r) => pubMissing(r.s.processesPersonalData, r.s.pubAgreement)).length,
          thirdCountry: rows.filter((r) => r.s.thirdCountryTransfer).length,
          tiaMissing: rows.filter((r) => tiaMissing(r.s)).length,
          followUpOverdue: rows.filter(overdue).length,
          subSuppliersWithoutContract: rows.reduce((n, r) => n + withoutContract(r.s.subSuppliers), 0),
        },
        attention,
      };
    },
  },
];
