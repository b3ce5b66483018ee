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
      breachDocumentation: { breaches: 20, documented: 14, lateNotifications: 1, withSpecialCategories: 4 },
    },
    risks: {
      vor,
      scale: { size: 4, sannolikhet: ['Osannolik', 'Mindre sannolik', 'Möjlig', 'Sannolik'], konsekvens: ['Försumbar', 'Lindrig', 'Kännbar', 'Allvarlig'], ikpThreshold: 12 },
      register: { byLevel: { 'Låg': 4, 'Medel': 6, 'Hög': 3 }, byTreatment: { 'Reducera': 8, 'Acceptera': 5 }, total: 13 },
    },
    continuity: {
      asOf: `${year}-11-12`,
      rsa: [{ org: 'Exempelförvaltningen', cycle: `${year - 1}–${year}`, status: 'klar', processes: 3, withPlan: 2 }],
      processes: [
        { org: 'Exempelförvaltningen', unit: 'Exempelförvaltningen', name: 'Kundmottagning', owner: 'Avdelningschef', maxDowntimeHours: 4, planStatus: 'faststalld' },
        { org: 'Exempelförvaltningen', unit: 'Exempelförvaltningen', name: 'Löneutbetalning', owner: 'Avdelningschef', maxDowntimeHours: 72, planStatus: 'faststalld' },
        { org: 'Exempelförvaltningen', unit: 'Exempelförvaltningen', name: 'Upphandling', owner: 'Avdelningschef', maxDowntimeHours: null, planStatus: 'saknas' },
      ],
      counts: { processes: 3, processesWithPlan: 2, faststalld: 2, underArbete: 1, saknas: 1, reviewOverdue: 1, notExercised: 1, exercisesHeld: 2, exercisesPlanned: 1, exercisesPastDate: 0 },
      plans: [
        { org: 'Exempelförvaltningen', unit: 'Kontaktcenter', title: 'Kontinuitetsplan ärendesystemet', status: 'faststalld', adoptedDate: `${year - 2}-03-01`, nextReview: `${year}-03-01`, reviewOverdue: true, lastExercised: `${year}-04-23`, notExercised: false },
        { org: 'Exempelförvaltningen', unit: 'Ekonomi', title: 'Kontinuitetsplan löneutbetalning', status: 'faststalld', adoptedDate: `${year - 3}-05-10`, nextReview: `${year + 1}-05-10`, reviewOverdue: false, lastExercised: null, notExercised: true },
        { org: 'Exempelförvaltningen', unit: 'Kontaktcenter', title: 'Kontinuitetsplan telefoniplattformen', status: 'under_arbete', adoptedDate: null, nextReview: `${year + 1}-03-31`, reviewOverdue: false, lastExercised: null, notExercised: true },
      ],
      exercisesHeld: [
        { date: `${year}-04-23`, title: 'Ärendesystemet otillgängligt', type: 'diskussionsovning', org: 'Exempelförvaltningen', unit: 'Kontaktcenter', scenario: 'Systemet nere en hel dag', participantCount: 9, observations: 'Mallen behöver fler fält.', actions: 1, pastDate: false },
        { date: `${year}-12-09`, title: 'Krisövning för ledningsgruppen', type: 'krisledningsovning', org: 'Exempelförvaltningen', unit: 'Exempelförvaltningen', scenario: 'Långvarigt elavbrott', participantCount: 11, observations: 'Tydligt ansvar.', actions: 2, pastDate: false },
      ],
      exercisesPlanned: [
        { date: `${year}-11-19`, title: 'Lönekörning utan lönesystemet', type: 'funktionsovning', org: 'Exempelförvaltningen', unit: 'Ekonomi', scenario: 'Lönesystemet nere', participantCount: 6, observations: '', actions: 0, pastDate: false },
      ],
    },
  };
}
