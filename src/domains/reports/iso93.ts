import type { Ctx } from '../../server/platform/context';
import { INPUT_KEYS, type Iso93Status } from '../review/contract';
import { hasContent, iso93Status } from '../review/iso93';
import type { OutlineEntry, ReportJson } from './build';
import type { Section } from './outline';
import type { RichDoc } from './richtext';

/**
 * ISO/IEC 27001:2022 9.3.2 coverage of a report. The review domain (review/contract.ts `ISO93_INPUTS`) maps each
 * input (a)–(g) to section provider keys and outline section ids; this module says which of those the report
 * actually shows with figures or text, so approval can be refused while an input is missing.
 */

const inlineHasText = (c: { text: string }[]) => c.some((x) => x.text.trim().length > 0);

/** True when the narrative holds any visible text (an empty list item or table cell does not count). */
export function narrativeHasText(doc: RichDoc | undefined): boolean {
  return (doc?.content ?? []).some((b) => {
    if (b.t === 'p' || b.t === 'h') return inlineHasText(b.c);
    if (b.t === 'ul' || b.t === 'ol') return b.items.some(inlineHasText);
    return b.rows.some((r) => r.some(inlineHasText));
  });
}

/** Keys (section ids and provider keys) that the review domain's own section must not count for itself. */
const SELF = new Set(['iso93']);

/** Each section shown (it and its ancestors visible), with its ancestors and its provider key (never SELF). */
function* shownSections(outline: Section[]): Generator<{ s: Section; path: Section[]; provider: string | undefined }> {
  const stack: Section[] = [];
  for (const s of outline) {
    while (stack.length && stack[stack.length - 1].level >= s.level) stack.pop();
    const ancestorsVisible = stack.every((a) => !a.hidden);
    stack.push(s);
    if (s.hidden || !ancestorsVisible) continue;
    yield { s, path: stack, provider: s.provider && !SELF.has(s.provider) ? s.provider : undefined };
  }
}

const hasOwnContent = (s: Section) => narrativeHasText(s.narrative) || s.tables.some((t) => t.rows.some((r) => r.some((c) => c.trim().length > 0)));

/**
 * Section ids and provider keys with content in the report: a visible section counts by its narrative text, a
 * manual table with a filled cell, or its provider's figures. Its id also counts for its visible ancestors (a
 * chapter whose subsections have text has content); a provider key counts only through a visible section showing
 * it — figures the report does not show cover nothing. Hidden sections count for nothing.
 */
export function sectionsWithContent(outline: Section[], figures: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const { s, path, provider } of shownSections(outline)) {
    if (!hasOwnContent(s) && !(provider !== undefined && hasContent(figures[provider]))) continue;
    for (const a of path) out.add(a.id);
    if (provider) out.add(provider);
  }
  return [...out];
}

/**
 * The figures `sectionsWithContent` reads for this outline: the providers of shown sections without text or a
 * filled table of their own. Building only these gives the same sections as building them all.
 */
export function figuresRead(outline: Section[]): string[] {
  const out = new Set<string>();
  for (const { s, provider } of shownSections(outline)) if (provider && !hasOwnContent(s)) out.add(provider);
  return [...out];
}

export interface ReportSectionRef { id: string; number: string | null; title: string; hidden: boolean }

export type ReportIso93 = Omit<Iso93Status, 'inputs'> & {
  inputs: (Iso93Status['inputs'][number] & { reportSections: ReportSectionRef[] })[];
};

/** The report's 9.3.2 coverage: its own sections plus the marks (not applicable, text) in the year's review. */
export async function reportIso93(ctx: Ctx, orgId: string, json: ReportJson): Promise<ReportIso93> {
  const status = await iso93Status(ctx, orgId, json.year, sectionsWithContent(json.outline, json));
  return {
    ...status,
    inputs: status.inputs.map((i) => ({
      ...i,
      // The sections of this report that could cover the input (by id or by provider), for the UI to point at.
      reportSections: json.outline
        .filter((s) => i.sections.includes(s.id) || (s.provider !== undefined && i.sections.includes(s.provider)))
        .map((s) => ({ id: s.id, number: s.number, title: s.title, hidden: s.hidden })),
    })),
  };
}

const label = (outline: OutlineEntry[], key: string): string => {
  if (key.startsWith('review.inputs.')) return 'Ledningens genomgång (protokoll)';
  const s = outline.find((x) => !x.hidden && x.id === key) ?? outline.find((x) => !x.hidden && x.provider === key);
  return s ? `${s.number ?? ''} ${s.title}`.trim() : key;
};

/**
 * Replaces the coverage in the report JSON's `iso93` figures with the report's own (so the document shows what
 * approval checks), naming the covering sections by number and title.
 */
export function overlayIso93(json: ReportJson, status: Iso93Status): void {
  const cur = json.iso93;
  if (!cur || typeof cur !== 'object') return;
  json.iso93 = {
    ...(cur as Record<string, unknown>),
    inputs: Object.fromEntries(INPUT_KEYS.map((k) => {
      const i = status.inputs.find((x) => x.key === k)!;
      return [k, { covered: i.covered, sections: [...new Set(i.coveredBy.map((c) => label(json.outline, c)))], ...(i.notApplicable ? { notApplicable: true, reason: i.reason } : {}) }];
    })),
    uncovered: status.uncovered,
  };
}
