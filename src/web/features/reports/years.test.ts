import { describe, expect, it } from 'vitest';
import { earlierYears } from './years';

describe('earlierYears', () => {
  it('names the years before the report year that a carried-forward heading still says', () => {
    expect(earlierYears('Säkerhetsåtgärder enligt cybersäkerhetslagen 2025', 2026)).toEqual([2025]);
    expect(earlierYears('Uppföljning av dataskyddsombudets årsrapport 2024', 2026)).toEqual([2024]);
    expect(earlierYears('Incidenter 2024–2025 jämfört med 2024', 2026)).toEqual([2024, 2025]);
  });
  it('leaves the report year, later years, other numbers and headings without a year alone', () => {
    expect(earlierYears('Mål för 2026–2028', 2026)).toEqual([]);
    expect(earlierYears('Incidenter', 2026)).toEqual([]);
    expect(earlierYears('ISO 27001:2022 och 20250 poster, 1850-talet', 2026)).toEqual([2022]);
    expect(earlierYears('Ärende 12025', 2026)).toEqual([]);
  });
});
