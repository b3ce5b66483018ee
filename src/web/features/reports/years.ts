/**
 * The years before the report's own that a heading names ("Säkerhetsåtgärder enligt cybersäkerhetslagen 2025" in the
 * 2026 report): a heading carried forward from last year's report keeps its words, so the editor asks whether they
 * still hold. Years from 1990 on, each once, in the order written. Pure.
 */
export function earlierYears(title: string, reportYear: number): number[] {
  const found = [...title.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]));
  return [...new Set(found.filter((y) => y >= 1990 && y < reportYear))];
}
