/** The documents' tables: their layout (tableLayout, measured in the font: fonts.ts) and their Swedish contents. */
import { describe, expect, it } from 'vitest';
import { sectionBlocks, tableLayout, wrappedLines, type Cell, type FigureBlock } from './blocks';
import type { ReportJson } from './build';
import type { Section } from './outline';
import { textWidth } from './fonts';
import { incidentCounts, yearOnYear } from './chart-options';

const cell = (text: string): Cell => ({ text });
const widest = (t: string, size: number, bold: boolean) => Math.max(...t.split(/\s+/).map((w) => textWidth(w, size, bold)));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const layout = (columns: string[], rows: string[][], total: number) => tableLayout(columns, rows.map((r) => r.map(cell)), total, 8, 8, 6, textWidth);

describe('tableLayout', () => {
  it('gives every column its widest word first, so a long name does not break beside numbers with room', () => {
    const columns = ['Förvaltning', 'Incidenter', 'Föregående år', 'Personuppgiftsincidenter', 'Anmälda till IMY', 'IKP-risker'];
    const { size, widths: w } = layout(columns, [['Hässelby-Vällingby stadsdelsförvaltning', '55', '90', '20', '3', '2'], ['Servicenämnden', '101', '88', '64', '1', '0']], 474);
    expect(size).toBe(8);
    expect(sum(w)).toBeCloseTo(474, 6);
    // The first column is bold in the documents; its widest word is "stadsdelsförvaltning".
    expect(w[0]).toBeGreaterThan(widest('stadsdelsförvaltning', 8, true) + 8 + 1);
    columns.forEach((c, i) => expect(w[i]).toBeGreaterThanOrEqual(widest(c, 8, true) + 8));
    // Columns whose text already fits get no more: the room went to the names, the only text still wrapping.
    expect(w[1]).toBeCloseTo(textWidth('Incidenter', 8, true) + 8, 6);
  });

  it('sets short tables on one line and shares the rest among the columns in proportion', () => {
    const { size, widths } = layout(['Status', 'Antal'], [['Klar', '22']], 400);
    expect(size).toBe(8);
    expect(sum(widths)).toBeCloseTo(400, 6);
    expect(widths[0] / widths[1]).toBeCloseTo((textWidth('Status', 8, true) + 8) / (textWidth('Antal', 8, true) + 8), 6);
  });

  it('sets a table smaller before a word breaks, and only below the smallest size lets words break', () => {
    const columns = ['Personuppgiftsincidenter', 'Informationssäkerhetsincidenter'];
    const need = sum(columns.map((c) => textWidth(c, 8, true))) + 16;
    const smaller = layout(columns, [], need - 10);
    expect(smaller.size).toBeLessThan(8);
    expect(smaller.size).toBeGreaterThanOrEqual(6);
    columns.forEach((c, i) => expect(smaller.widths[i]).toBeGreaterThanOrEqual(textWidth(c, smaller.size, true) + 8));
    const tiny = layout(columns, [], 100);
    expect(tiny.size).toBe(6);
    expect(sum(tiny.widths)).toBeCloseTo(100, 6);
  });

  it('when words must break, breaks only the widest: short columns keep their words whole (the DSO follow-up table)', () => {
    const columns = ['Område', 'Rekommendation', 'Risknivå', 'Förvaltningens svar', 'Uppföljning', 'Ansvarig', 'Status'];
    const rows = [['Registerförteckning', 'Håll registerförteckningen i DraftIT fullständig', 'medel', 'Dataskyddshandläggarna underhåller den', 'Felregistreringar rättas', 'Dataskyddshandläggare', 'åtgärdad']];
    const total = 380;
    const { size, widths } = layout(columns, rows, total);
    expect(size).toBe(6);
    expect(sum(widths)).toBeCloseTo(total, 6);
    // Risknivå, Status and their values fit; the columns of the longest words share what is left, equally.
    for (const [i, word, bold] of [[2, 'Risknivå', true], [6, 'Status', true], [6, 'åtgärdad', false]] as const) expect(widths[i]).toBeGreaterThanOrEqual(textWidth(word, size, bold) + 8 - 1e-9);
    // The columns whose words are wider than the cap (Område, Rekommendation, svar, Ansvarig) get the cap, all alike.
    const cap = Math.max(...widths);
    expect(widths.filter((w) => Math.abs(w - cap) < 1e-6)).toHaveLength(4);
    expect(cap).toBeLessThan(widest('Dataskyddshandläggarna', size, false) + 8);
  });

  it('keeps a share and its per cent sign together: a no-break space does not part words', () => {
    // The e-course table of a förvaltning's report: its text columns wrap, so each column gets its widest word.
    const row = (unit: string, course: string, share: string) => [unit, course, '22', '20', share];
    const rows = [row('Enheten för it och digitalisering', 'Informationssäkerhet (e-utbildning)', '90,9\u00a0%'), row('Hemtjänsten Hässelby', 'Dataskydd (e-utbildning)', '100,0\u00a0%')];
    const { size, widths } = layout(['Enhet', 'Kurs', 'Anställda', 'Genomfört', 'Andel'], rows, 300);
    expect(widths[4]).toBeGreaterThanOrEqual(textWidth('100,0\u00a0%', size, false) + 8);
  });

  it('measures DejaVu Sans: bold wider than regular, å ä ö as wide as their letters, width grows with size', () => {
    expect(textWidth('Förvaltning', 10, true)).toBeGreaterThan(textWidth('Förvaltning', 10));
    expect(textWidth('ö', 10)).toBeCloseTo(textWidth('o', 10), 6);
    expect(textWidth('Hässelby', 20)).toBeCloseTo(2 * textWidth('Hässelby', 10), 6);
    expect(textWidth('', 10)).toBe(0);
  });
});

describe('figure tables in Swedish', () => {
  const section = (provider: string): Section => ({ id: provider.toLowerCase(), level: 2, title: 'Avsnitt', provider, hidden: false, narrative: { type: 'doc', content: [] } as unknown as Section['narrative'], tables: [] });
  const json = (extra: Record<string, unknown>) => ({ year: 2025, asOf: '2025-12-31', outline: [], ...extra }) as unknown as ReportJson;
  const tables = (provider: string, extra: Record<string, unknown>) => sectionBlocks(section(provider), json(extra)).filter((b) => b.kind === 'table');
  const words = (b: FigureBlock[]) => JSON.stringify(b);

  it('shows the risk register as tables of its own: per level (a level without risks as 0) and per treatment, in words', () => {
    const risks = { register: { byLevel: { Låg: 2, Medel: 0, Hög: 1 }, byTreatment: { reducera: 2, acceptera: 1, overfora: 0 }, total: 3, reviewOverdue: 1 } };
    const out = tables('risks', { risks }) as Extract<FigureBlock, { kind: 'table' }>[];
    expect(out.map((b) => b.caption)).toEqual(['Riskregistret', 'Riskregistret: öppna risker per risknivå', 'Riskregistret: öppna risker per hantering']);
    expect(out[0].rows.map((r) => r.map((c) => c.text))).toEqual([['Öppna risker', '3'], ['Översyn försenad', '1']]);
    expect(out[1].rows.map((r) => r.map((c) => c.text))).toEqual([['Låg', '2'], ['Medel', '0'], ['Hög', '1']]);
    expect(out[2].rows.map((r) => r.map((c) => c.text))).toEqual([['Reducera', '2'], ['Acceptera', '1'], ['Överföra', '0']]);
    expect(words(out)).not.toMatch(/Uppgift|Risker – Register/);
  });

  it('names columns and stored values in Swedish: no "Participants", "Cycle" or "faststalld" in the document', () => {
    const continuity = {
      asOf: '2025-12-31',
      rsa: [{ org: 'SF', cycle: '2024–2025', status: 'pagar', processes: 1, withPlan: 1 }],
      processes: [{ org: 'SF', unit: 'SF', name: 'Kundmottagning', owner: 'Avdelningschef', maxDowntimeHours: 4, planStatus: 'faststalld' }],
      counts: { processes: 1, processesWithPlan: 1, faststalld: 1, underArbete: 0, saknas: 0, reviewOverdue: 0, notExercised: 0, exercisesHeld: 1, exercisesPlanned: 0 },
      plans: [{ title: 'Plan Artvise', org: 'SF', unit: 'Kontaktcenter', status: 'faststalld', adoptedDate: '2024-11-20', nextReview: '2026-10-15', reviewOverdue: false, lastExercised: '2025-12-09', notExercised: false }],
      exercisesHeld: [{ date: '2025-12-09', title: 'Krisövning', type: 'krisledningsovning', org: 'SF', unit: 'SF', scenario: 'Elavbrott', participantCount: 11, observations: 'Tydligt ansvar', actions: 2 }],
      exercisesPlanned: [],
    };
    const out = sectionBlocks(section('continuity'), json({ continuity }));
    const text = words(out);
    for (const english of ['Participants', 'Observations', 'Cycle', 'Critical', '"Actions"', 'Continuity', 'Rsa', 'faststalld', 'pagar', 'krisledningsovning']) expect(text).not.toContain(english);
    expect(text).toContain('Fastställd');
    expect(text).toContain('cykeln 2024–2025 är pågår');
    expect(text).toContain('Krisledningsövning');
    expect(text).toContain('Deltagare');
    // One organisation: no column repeating it.
    expect(text).not.toContain('Förvaltning');
  });

  it('follows up the year\'s activities in Swedish: captions and columns, carried-over marked, partners beside the responsible', () => {
    const planFollowUp = {
      activities: [{ org: 'HV', area: 'Kompetens', text: 'Utbilda chefer', responsible: 'ISAM', partners: 'i samarbete med DSO', status: 'pagar', carried: true }],
      progress: [{ year: 2025, area: 'Kompetens', total: 1, planerad: 0, pagar: 1, klar: 0, avbruten: 0 }],
    };
    const out = tables('planFollowUp', { planFollowUp }) as Extract<FigureBlock, { kind: 'table' }>[];
    const text = words(out);
    for (const english of ['Activities', 'Progress', 'Year']) expect(text).not.toContain(english);
    expect(out[0].rows[0].map((c) => c.text)).toEqual(['Kompetens', 'Utbilda chefer (överförd)', 'ISAM, i samarbete med DSO', 'Pågår']);
  });

  it('writes every stored plan status the same way: "pågår" (as plans store it) reads Pågår beside Planerad and Klar', () => {
    const activity = (status: string) => ({ org: 'HV', area: 'Kompetens', text: `Aktivitet ${status}`, responsible: 'ISAM', status, carried: false });
    const planFollowUp = { activities: ['planerad', 'pågår', 'klar', 'avbruten'].map(activity), progress: [] };
    const plan = { 2026: ['planerad', 'pågår'].map(activity) };
    const [follow] = tables('planFollowUp', { planFollowUp }) as Extract<FigureBlock, { kind: 'table' }>[];
    expect(follow.rows.map((r) => r[3].text)).toEqual(['Planerad', 'Pågår', 'Klar', 'Avbruten']);
    const statuses = (tables('plan', { plan }) as Extract<FigureBlock, { kind: 'table' }>[]).flatMap((t) => t.rows.map((r) => r[3].text));
    expect(statuses).toEqual(['Planerad', 'Pågår']);
  });

  it('shows every goal indicator with its own status and comment; a city gets one table per förvaltning', () => {
    const goal = (org: string) => ({ org, code: '3.5', title: 'Hög beredskap', status: 'delvis uppfyllt', comment: 'Två av tre', indicators: [{ text: 'Kontinuitetsplaner finns.', status: 'uppfyllt', comment: 'Klart' }, { text: 'Kunskapen ökar.', status: 'pågår', comment: '' }] });
    const [one] = tables('goals', { goals: [goal('HV')] }) as Extract<FigureBlock, { kind: 'table' }>[];
    expect(one.rows.map((r) => r.map((c) => c.text))).toEqual([
      // Stored in words, shown capitalised as every status in the documents.
      ['3.5', 'Hög beredskap', 'Delvis uppfyllt', 'Två av tre'],
      ['', 'Förväntat resultat: Kontinuitetsplaner finns.', 'Uppfyllt', 'Klart'],
      ['', 'Förväntat resultat: Kunskapen ökar.', 'Pågår', ''],
    ]);
    const city = tables('goals', { goals: [goal('HV'), goal('SF')] }) as Extract<FigureBlock, { kind: 'table' }>[];
    expect(city.map((t) => t.caption)).toEqual(['Avsnitt – HV', 'Avsnitt – SF']);
  });

  it('capitalises a document\'s type, stored in words, and marks a review past due', () => {
    const [t] = tables('documents', { documents: [{ title: 'Lokal anvisning', type: 'lokal anvisning', owner: 'Direktör', docVersion: '1.0', adoptedOn: '2023-03-24', nextReviewOn: '2025-12-31', reviewOverdue: true }] }) as Extract<FigureBlock, { kind: 'table' }>[];
    expect(t.rows[0].map((c) => c.text)).toEqual(['Lokal anvisning', 'Lokal anvisning', 'Direktör', '1.0', '2023-03-24', '2025-12-31 (försenad)']);
  });

  it('splits the DSO follow-up per annual report, with the follow-up text, and names the förvaltning in a city report', () => {
    const rec = (org: string, reportYear: number) => ({ org, reportYear, area: 'Registerförteckning', recommendation: 'Håll den fullständig', riskLevel: 'medel', response: 'Görs', responsible: 'DSO', status: 'pågår', followUp: 'Underhålls löpande' });
    const out = tables('dsoFollowUp', { dsoFollowUp: [rec('HV', 2024), rec('SF', 2024), rec('HV', 2025)] }) as Extract<FigureBlock, { kind: 'table' }>[];
    expect(out.map((t) => t.caption)).toEqual(['Dataskyddsombudets årsrapport 2024: rekommendationer och uppföljning', 'Dataskyddsombudets årsrapport 2025: rekommendationer och uppföljning']);
    expect(out[0].columns).toEqual(['Förvaltning', 'Område', 'Rekommendation', 'Risknivå', 'Förvaltningens svar', 'Uppföljning', 'Ansvarig', 'Status']);
    expect(out[1].columns[0]).toBe('Område');
    expect(out[0].rows[0].map((c) => c.text)).toContain('Underhålls löpande');
    // The risk level and status, stored in words, begin with a capital like every status in the documents.
    expect(out[1].rows[0].map((c) => c.text)).toEqual(['Registerförteckning', 'Håll den fullständig', 'Medel', 'Görs', 'Underhålls löpande', 'DSO', 'Pågår']);
  });

  it('joins list items without ".;"', () => {
    const [t] = tables('dsoFollowUp', { dsoFollowUp: [{ org: 'HV', reportYear: 2024, area: 'A', recommendation: 'R', riskLevel: 'låg', response: ['Första.', 'Andra', 'Tredje'], responsible: '', status: 'öppen', followUp: '' }] }) as Extract<FigureBlock, { kind: 'table' }>[];
    expect(t.rows[0][3].text).toBe('Första. Andra; Tredje');
  });
});

describe('the order of tables of counts, whatever the order of the JSON\'s keys', () => {
  it('kinds in the register\'s order, then any other kind; categories by count, last year\'s only after, ties by name', () => {
    // Keys as jsonb gives them back: shorter first.
    const byKind = { 'Ej angiven': 1, Arbetsmiljö: 0, 'IT-säkerhet': 12, Informationssäkerhet: 23, Personuppgiftsincident: 20 };
    expect(incidentCounts('byKind', byKind, { Arbetsmiljö: 0, 'IT-säkerhet': 24, Informationssäkerhet: 50, Personuppgiftsincident: 16 })).toEqual([
      ['Informationssäkerhet', 23, 50], ['IT-säkerhet', 12, 24], ['Personuppgiftsincident', 20, 16], ['Arbetsmiljö', 0, 0], ['Ej angiven', 1, 0],
    ]);
    const byCategory = { Spam: 5, Övrigt: 5, Nätfiske: 7, 'Förlorad internpost': 4, 'Uppgifter i fel ärende': 14 };
    const before = { Spam: 10, Stöld: 1, Övrigt: 8, Borttappad: 3, 'Uppgifter i fel ärende': 24, Nätfiske: 14 };
    expect(incidentCounts('byCategory', byCategory, before).map(([k]) => k)).toEqual(['Uppgifter i fel ärende', 'Nätfiske', 'Spam', 'Övrigt', 'Förlorad internpost', 'Borttappad', 'Stöld']);
    // The same rows from the keys in any order.
    const reversed = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).reverse());
    expect(incidentCounts('byCategory', reversed(byCategory), reversed(before))).toEqual(incidentCounts('byCategory', byCategory, before));
  });

  it('the register per level in the order of the scale\'s bands, per treatment in the register\'s, in any order of the keys', () => {
    const scale = { bands: [{ label: 'Grön' }, { label: 'Gul' }, { label: 'Röd' }] };
    const register = { byLevel: { Gul: 1, Röd: 2, Grön: 0 }, byTreatment: { ingen: 1, undvika: 0, overfora: 0, reducera: 3, acceptera: 0 }, total: 3, reviewOverdue: 0 };
    const out = sectionBlocks(
      { id: 'r', level: 2, title: 'Risker', provider: 'risks', hidden: false, narrative: { type: 'doc', content: [] } as unknown as Section['narrative'], tables: [] },
      { year: 2025, asOf: '2025-12-31', outline: [], risks: { scale, register } } as unknown as ReportJson,
    ).filter((b) => b.kind === 'table') as Extract<FigureBlock, { kind: 'table' }>[];
    expect(out.map((b) => b.rows.map((r) => r[0].text))).toEqual([
      ['Öppna risker', 'Översyn försenad'], ['Grön', 'Gul', 'Röd'], ['Reducera', 'Acceptera', 'Överföra', 'Undvika', 'Ej beslutad'],
    ]);
  });
});

describe('yearOnYear', () => {
  it("keeps this year's keys in order, adds last year's counted keys after them and leaves out a key with 0 only last year", () => {
    const rows = yearOnYear([['Fel mottagare', 5], ['Nätfiske', 0]], [['Förlust', 2], ['Nätfiske', 3], ['Stöld', 0], ['Fel mottagare', 1]]);
    expect(rows).toEqual([['Fel mottagare', 5, 1], ['Nätfiske', 0, 3], ['Förlust', 0, 2]]);
    expect(yearOnYear([], [['Stöld', 0]])).toEqual([]);
  });
});

describe('wrappedLines', () => {
  const fixed = (t: string) => t.length; // one point a character
  it('wraps between words, keeps a no-break space together and breaks a word wider than the column', () => {
    expect(wrappedLines('ab cd ef', 5, 1, false, fixed)).toBe(2); // "ab cd" | "ef"
    expect(wrappedLines('90,9\u00a0% x', 6, 1, false, fixed)).toBe(2); // "90,9 %" stays whole
    expect(wrappedLines('abcdefghijk', 5, 1, false, fixed)).toBe(3);
    expect(wrappedLines('a\nb', 5, 1, false, fixed)).toBe(2);
  });
});
