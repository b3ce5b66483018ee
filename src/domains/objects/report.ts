import { and, eq, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { stockholmDate } from '../../server/platform/time';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { reclassification } from './classification';
import { followUpFigures, type FollowUpFigures } from './followup-report';
import { digitalObjects } from './table';

export interface ClassifiedFigure extends NamedFigure {
  name: string;
  org: string;
  unit: string;
  /** The day the lokal classification was completed. */
  date: string;
  nis: boolean;
  konfidentialitet: number | null;
  riktighet: number | null;
  tillganglighet: number | null;
  sparbarhet: number | null;
}
/**
 * `org`: the förvaltning in a city's report (which holds every förvaltning's objects), else the report org, as the
 * training section names them; `unit`: the organisation the object is recorded on.
 */
export interface NamedFigure { name: string; org: string; unit: string }
export interface InProgressFigure extends NamedFigure { kind: 'normerande' | 'lokal' }

export interface ClassificationFigures {
  /** Objects whose lokal classification was completed in the report year (by the report's day), in date order. */
  classified: ClassifiedFigure[];
  /** Objects not classified locally because the city's normerande classification is missing (normerande saknas, lokal not done). */
  waitingForNormerande: NamedFigure[];
  /** Classification work under way: normerande or lokal status pagar (an object may be in both). */
  inProgress: InProgressFigure[];
  /** Objects in NIS scope (cybersäkerhetslagen) without a completed lokal classification. */
  nisNotClassified: NamedFigure[];
  counts: {
    /** Active (not archived) objects on the objektlista. */
    total: number;
    classifiedThisYear: number;
    /** Objects with any classification in progress (each object once). */
    inProgress: number;
    waitingForNormerande: number;
    nisNotClassified: number;
    /** Lokal classification older than a year by the report's day. */
    reclassificationOverdue: number;
  };
  /** The year's object follow-ups with access review (followup-report.ts). */
  followUp: FollowUpFigures;
}

const bySv = (a: NamedFigure, b: NamedFigure) => a.name.localeCompare(b.name, 'sv') || a.org.localeCompare(b.org, 'sv');

/**
 * `classification`: the information classification (KLASSA) of the report org's subtree for the year, from the
 * objektlista's active objects: what was classified locally during the year, what waits for a normerande
 * classification, what is in progress, and the NIS objects still not classified; and the year's object follow-ups
 * with access review (`followUp`). Statuses are as they stand; the
 * year bounds only the completion dates (up to the report's day).
 */
export const sectionProviders: SectionProvider<ClassificationFigures>[] = [
  {
    key: 'classification',
    title: { sv: 'Informationsklassning och digitala objekt', en: 'Information classification and digital objects' },
    order: 45,
    async figures({ ctx, org, year, asOf }) {
      ctx.authz.require('object.read', org.path);
      const day = [`${year}-12-31`, stockholmDate(asOf)].sort()[0];
      const rows = await ctx.db.select({ o: digitalObjects, unit: orgs.name, path: orgs.path }).from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
        .where(and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('object.read', orgs.path), eq(digitalObjects.archived, false)));
      // A city's report names each object's förvaltning (the city's child above it).
      const depth = org.path.split('/').filter(Boolean).length;
      const tops = org.type === 'stad'
        ? new Map((await ctx.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(like(orgs.path, escapeLike(org.path) + '%'))).map((o) => [o.id, o.name]))
        : new Map<string, string>();
      const top = (path: string) => (org.type === 'stad' ? tops.get(path.split('/').filter(Boolean)[depth] ?? org.id) ?? org.name : org.name);
      const named = (r: (typeof rows)[number]): NamedFigure => ({ name: r.o.name, org: top(r.path), unit: r.unit });
      const classified = rows
        .filter((r) => r.o.lokalStatus === 'klar' && r.o.lokalDate !== null && r.o.lokalDate >= `${year}-01-01` && r.o.lokalDate <= day)
        .map((r) => ({
          ...named(r), date: r.o.lokalDate!, nis: r.o.nis,
          konfidentialitet: r.o.konfidentialitet, riktighet: r.o.riktighet, tillganglighet: r.o.tillganglighet, sparbarhet: r.o.sparbarhet,
        }))
        .sort((a, b) => a.date.localeCompare(b.date) || bySv(a, b));
      const notDone = (s: string) => s !== 'klar' && s !== 'ej_aktuell';
      const waitingForNormerande = rows.filter((r) => r.o.normerandeStatus === 'saknas' && notDone(r.o.lokalStatus)).map(named).sort(bySv);
      const inProgress = rows
        .flatMap((r) => [
          ...(r.o.normerandeStatus === 'pagar' ? [{ ...named(r), kind: 'normerande' as const }] : []),
          ...(r.o.lokalStatus === 'pagar' ? [{ ...named(r), kind: 'lokal' as const }] : []),
        ])
        .sort((a, b) => bySv(a, b) || a.kind.localeCompare(b.kind));
      const nisNotClassified = rows.filter((r) => r.o.nis && notDone(r.o.lokalStatus)).map(named).sort(bySv);
      const followUp = await followUpFigures(ctx.db, rows.map((r) => ({ id: r.o.id, named: named(r) })), year, day);
      return {
        classified,
        waitingForNormerande,
        inProgress,
        nisNotClassified,
        counts: {
          total: rows.length,
          classifiedThisYear: classified.length,
          inProgress: rows.filter((r) => r.o.normerandeStatus === 'pagar' || r.o.lokalStatus === 'pagar').length,
          waitingForNormerande: waitingForNormerande.length,
          nisNotClassified: nisNotClassified.length,
          reclassificationOverdue: rows.filter((r) => r.o.lokalStatus === 'klar' && reclassification(r.o.lokalDate, day).overdue).length,
        },
        followUp,
      };
    },
  },
];
