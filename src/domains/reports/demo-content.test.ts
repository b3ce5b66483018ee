/** The demo reports are numbered as the seeds number their chapters, so a reader can hold them side by side. */
import { describe, expect, it } from 'vitest';
import { hvOutline, snOutline } from './demo-content';
import { numberSections, type Section } from './outline';

const numbered = (outline: Section[]) => {
  const numbers = numberSections(outline);
  return outline.map((s) => `${numbers.get(s.id)} ${s.title}`);
};

describe('demo outlines', () => {
  it('Hässelby-Vällingby: the chapters of seed 002 keep their numbers (1.2, 3.2, 4.1.1, 4.2, 4.3, 5, 6)', () => {
    const got = numbered(hvOutline());
    // Seed 002's own headings, with the number it gives each (the seed's title where ours is the same text).
    for (const heading of [
      '1 Sammanfattning',
      '1.1 Vad är Ledningens genomgång',
      '1.2 Ledningssystem för informationssäkerhet',
      '2.1 Cybersäkerhetslagen med NIS2-direktivet',
      '2.2 AI-förordningen',
      '3 Vad händer inom staden – budget, inriktningar, lokala förändringar och satsningar',
      '3.2 Lokal mognadsmätning',
      '4.1 Uppföljning av mål i verksamhetsplanen 2025',
      '4.1.1 Väsentlighets- och riskanalys samt internkontrollplan',
      '4.3 Information om avvikelser och incidenter',
      '5 Förslag till förbättringar och aktiviteter',
      '6 Förkortningar och begrepp',
    ]) expect(got).toContain(heading);
    expect(got.find((h) => h.startsWith('4.2 '))).toMatch(/^4\.2 Uppföljning av dataskyddsombudets årsrapport/);
  });

  it('Servicenämnden: seed 000 numbers 1.1.1–1.1.7, 2.1.1–2.1.3 and 3 Prioritering av åtgärder', () => {
    const got = numbered(snOutline());
    for (const heading of [
      '1 Ledningssystem för informationssäkerhet, LIS',
      '1.1 Vad påverkar Servicenämndens informationssäkerhetsarbete?',
      '1.1.1 Finansborgarrådets förslag till budget 2026',
      '1.1.7 Incidenthanteringsprocess – utveckling och åtgärder',
      '2.1 Serviceförvaltningens informationssäkerhetsarbete under 2026',
      '2.1.3 Skyddade personuppgifter',
      '3 Prioritering av åtgärder',
    ]) expect(got).toContain(heading);
  });
});
