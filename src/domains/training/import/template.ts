/**
 * The genomförandegrad import's template: an XLSX in the aggregated shape, one row per unit and course of the year —
 * the subtree's units without sub-units (and any organisation with figures for the year) times the city's mandatory
 * courses and the year's other courses — with the figures recorded, so export → fill in → import changes only what was
 * filled in (rows left without counts are passed over). A unit is written by name, or by short name where the
 * subtree has two of that name.
 */
import { like } from 'drizzle-orm';
import { escapeLike } from '../../../server/platform/authz';
import type { Ctx } from '../../../server/platform/context';
import { download, toXlsx, type ExportColumn } from '../../../server/platform/export';
import { nameKey } from '../../../server/platform/tabular/values';
import { recordAudit } from '../../audit/chain';
import { orgs } from '../../org/table';
import { orgFor, type OrgRow } from '../../plans/scope';
import { courseOrder, DEFAULT_COURSES, type TrainingCompletion } from '../contract';
import { listCompletions } from '../service';
import { TRAINING_COLUMNS, type TrainingField } from './columns';

interface TemplateRow { unit: string; course: string; year: number; c?: TrainingCompletion }

const VALUES: Partial<Record<TrainingField, (r: TemplateRow) => string | number | null>> = {
  org: (r) => r.unit,
  course: (r) => r.course,
  year: (r) => r.year,
  employees: (r) => r.c?.employees ?? null,
  completed: (r) => r.c?.completed ?? null,
  comment: (r) => r.c?.comment ?? '',
};

export const TEMPLATE_COLUMNS: ExportColumn<TemplateRow>[] = TRAINING_COLUMNS.filter((c) => VALUES[c.field]).map((c) => ({
  key: c.field, header: c.names[0], value: VALUES[c.field]!,
}));

export async function trainingTemplate(ctx: Ctx, orgRef: string, year: number): Promise<Response> {
  const org = await orgFor(ctx, ctx.db, orgRef, 'plan.read', 'plan.manage');
  const tree = (await ctx.db.select().from(orgs).where(like(orgs.path, escapeLike(org.path) + '%'))).filter((o) => !o.archivedAt);
  const done = await listCompletions(ctx, { org: org.slug, year, subtree: 'true' });
  const rows = templateRows(tree, done, year);
  await recordAudit(ctx.db, ctx, {
    action: 'training.completion.export', entityType: 'training_completion', entityId: null, orgId: org.id,
    after: { format: 'xlsx', template: true, year, count: done.length },
  });
  return download(await toXlsx(rows, TEMPLATE_COLUMNS, 'Genomförandegrad'), `genomforandegrad-${org.slug}-${year}`, 'xlsx');
}

/** The units × courses, in the tree's order (by path, then name) and the courses' order. */
export function templateRows(tree: OrgRow[], done: TrainingCompletion[], year: number): TemplateRow[] {
  const courses = new Map<string, string>();
  for (const c of [...DEFAULT_COURSES, ...done.map((d) => d.course)]) if (!courses.has(nameKey(c))) courses.set(nameKey(c), c);
  const withFigures = new Set(done.map((d) => d.org.id));
  const units = tree.filter((o) => withFigures.has(o.id) || !tree.some((x) => x.id !== o.id && x.path.startsWith(o.path)));
  const named = new Map<string, number>();
  for (const o of tree) named.set(nameKey(o.name), (named.get(nameKey(o.name)) ?? 0) + 1);
  const pathOf = new Map(tree.map((o) => [o.id, o.path]));
  const figures = new Map(done.map((d) => [`${d.org.id}\u0000${nameKey(d.course)}`, d]));
  const rows: TemplateRow[] = [];
  const ordered = [...units].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  for (const o of ordered) {
    for (const course of [...courses.values()].sort(courseOrder)) {
      const c = figures.get(`${o.id}\u0000${nameKey(course)}`);
      // A unit whose course is recorded above or below it is left out: filling it in would count the employees twice.
      const elsewhere = !c && done.some((d) => nameKey(d.course) === nameKey(course) && d.org.id !== o.id
        && (pathOf.get(d.org.id)?.startsWith(o.path) || o.path.startsWith(pathOf.get(d.org.id) ?? '\u0000')));
      if (elsewhere) continue;
      rows.push({ unit: named.get(nameKey(o.name))! > 1 ? o.slug : o.name, course: c?.course ?? course, year, c });
    }
  }
  return rows;
}
