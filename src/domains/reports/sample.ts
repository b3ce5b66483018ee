import type { ReportJson } from './build';
import { INCIDENT_STATUSES } from './chart-options';
import { defaultOutline, numberSections } from './outline';
import { doc, p, ul } from './richtext';

/**
 * A complete report JSON with every figure the contracts describe. Used to check uploaded templates
 * (every placeholder must render against it), by the renderer tests and by the benchmark.
 */
export function sampleReportJson(opts: { year?: number; vorRows?: number; orgType?: string; incidentsTotal?: number } = {}): ReportJson {
  const year = opts.year ?? 2025;
  const outline = defaultOutline(opts.orgType ?? 'forvaltning');
  outline[0].narrative = doc(p('Exempeltext för sammanfattningen med ', { t: 'text', text: 'fetstil', bold: true }, '.'), ul('En punkt', 'En annan punkt'));
  const numbers = numberSections(outline);
  const total = opts.incidentsTotal ?? 55;
  const byStatus = Object.fromEntries(INCIDENT_STATUSES.map((s, i) => [s, [10, 16, 3, 2, 22, 2][i]]));
  const arbetssatt = ['Behörighetshantering', 'Implementering av lokal anvisning', 'Incidenthantering', 'Informationsklassning', 'Informationssäkerhet inom upphandlingsförfarandet'];
  const vor = Array.from({ length: opts.vorRows ?? 6 }, (_, i) => {
    const s = (i % 4) + 1;
    const k = ((i * 3) % 4) + 1;
    return {
      arbetssatt: arbetssatt[i % 5], handelse: `Oönskad händelse nummer ${i + 1}`, sannolikhet: s, konsekvens: k, riskvarde: s * k,
      ikp: s * k >= 12, ikpDecided: s * k >= 12 && i % 2 === 0, atgarder: [`Åtgärd ${i + 1}a`, `Åtgärd ${i + 1}b`], status: i % 3 ? 'Pågår' : 'Klar',
    };
  });
  return {
    org: { slug: 'exempel', name: 'Exempelförvaltningen', type: opts.orgType ?? 'forvaltning' },
    year,
    asOf: `${year}-11-12`,
    generatedAt: new Date().toISOString(),
    status: 'utkast',
    revision: 1,
    outline: outline.map((s) => ({ ...s, number: numbers.get(s.id) ?? null })),
    incidents: {
      total, previousYearTotal: 90, byStatus,
      byKind: { 'Informationssäkerhet': 20, 'IT-säkerhet': 8, 'Personuppgiftsincident': 20, 'Arbetsmiljö': 7 },
      byCategory: { 'Fel mottagare': 12, 'Fel ärende i socialt system': 18, 'Phishing och spam': 9, 'Cyberattack hos leverantör': 1 },
      byKindPreviousYear: { 'Informationssäkerhet': 40, 'IT-säkerhet': 20, 'Personuppgiftsincident': 16, 'Arbetsmiljö': 14 },
      byCategoryPreviousYear: { 'Fel mottagare': 30, 'Phishing och spam': 25, 'Borttappad dator': 2 },
      byMonth: Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, count: (i * 7) % 9, previousYear: (i * 5) % 11 })),
      personalData: 20, personalDataPreviousYear: 16, reportedToIMY: 3, reportedToCSIRT: 0, reportedToIMYPreviousYear: 2, reportedToCSIRTPreviousYear: 0, asOf: `${year}-11-12`,
    },
    risks: {
      vor,
      scale: { size: 4, sannolikhet: ['Osannolik', 'Mindre sannolik', 'Möjlig', 'Sannolik'], konsekvens: ['Försumbar', 'Lindrig', 'Kännbar', 'Allvarlig'], ikpThreshold: 12 },
      register: { byLevel: { 'Låg': 4, 'Medel': 6, 'Hög': 3 }, byTreatment: { 'Reducera': 8, 'Acceptera': 5 }, total: 13 },
      continuity: { plans: 4, exercises: 2 },
      rsa: { cycle: '2026–2027', lastDone: 2024 },
    },
  };
}
