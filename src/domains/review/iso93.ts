import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { conflict } from '../../server/platform/errors';
import { INPUT_KEYS, ISO93_INPUTS, type InputKey, type Iso93Status } from './contract';
import { reviews, type InputMark } from './table';

/**
 * Keys that describe figures rather than report any: the day they are counted on and the risk scale they use.
 * An empty risk register still has its scale's names, which must not make 9.3.2 (f) look covered.
 */
const DESCRIPTIVE = new Set(['asOf', 'scale']);

/** Whether a section's figures say anything: a non-empty string or list, a number other than 0, or an object holding one. */
export function hasContent(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim().length > 0;
  if (typeof v === 'number') return v !== 0 && Number.isFinite(v);
  if (typeof v === 'boolean') return false;
  if (Array.isArray(v)) return v.some((x) => hasContent(x) || (typeof x === 'object' && x !== null));
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).some(([k, x]) => !DESCRIPTIVE.has(k) && hasContent(x));
  return false;
}

/** Coverage of the 9.3.2 inputs given the marks recorded in the review and the sections that have content. */
export function coverage(marks: Record<string, InputMark>, sectionsWithContent: string[], reviewId: string | null = null): Iso93Status {
  const have = new Set(sectionsWithContent);
  const inputs = INPUT_KEYS.map((key) => {
    const def = ISO93_INPUTS[key];
    const mark = marks[key] ?? {};
    const coveredBy = def.sections.filter((s) => have.has(s));
    if (mark.text?.trim()) coveredBy.push(`review.inputs.${key}`);
    const notApplicable = mark.notApplicable === true && !!mark.reason?.trim();
    return {
      key,
      title_sv: def.sv,
      title_en: def.en,
      sections: def.sections,
      coveredBy,
      covered: coveredBy.length > 0,
      notApplicable,
      ...(notApplicable ? { reason: mark.reason!.trim() } : {}),
    };
  });
  const uncovered = inputs.filter((i) => !i.covered && !i.notApplicable).map((i) => i.key);
  return { reviewId, inputs, uncovered, complete: uncovered.length === 0 };
}

/**
 * The 9.3 status of an organisation's review for a year. The reports domain calls this when a report is approved,
 * passing the report sections (provider keys or outline section ids) that have figures or text; marks recorded
 * in the review (not applicable with a reason, or the review's own text for an input) count too. No authorisation
 * check here: the caller has already checked the org.
 */
export async function iso93Status(ctx: Ctx, orgId: string, year: number, sectionsWithContent: string[]): Promise<Iso93Status> {
  const [r] = await ctx.db.select({ id: reviews.id, inputs: reviews.inputs }).from(reviews).where(and(eq(reviews.orgId, orgId), eq(reviews.year, year)));
  return coverage(r?.inputs ?? {}, sectionsWithContent, r?.id ?? null);
}

/** 409 naming the uncovered inputs, for sign-off and report approval. */
export function assertComplete(status: Iso93Status): void {
  if (status.complete) return;
  const list = status.uncovered.map((k: InputKey) => `(${k}) ${ISO93_INPUTS[k].sv}`).join('; ');
  const listEn = status.uncovered.map((k: InputKey) => `(${k}) ${ISO93_INPUTS[k].en}`).join('; ');
  throw conflict('iso93_uncovered', {
    sv: `Ledningens genomgång saknar underlag enligt ISO 27001 9.3.2: ${list}. Fyll i avsnitten eller markera underlaget som ej tillämpligt med motivering.`,
    en: `The management review lacks ISO 27001 9.3.2 inputs: ${listEn}. Fill in the sections or mark the input not applicable with a reason.`,
  }, 'inputs', { uncovered: status.uncovered });
}
