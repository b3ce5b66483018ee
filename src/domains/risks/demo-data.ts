/**
 * Demo data. The VoR 2025 of Hässelby-Vällingby follows seed 002 section 4.1.1: the same arbetssätt,
 * oönskade händelser and values (sannolikhet × konsekvens on the 4×4 scale: 16, 6, 16, 12; 8, 12, 9; 12, 12),
 * the actions and follow-up written anew. Register risks follow seed 000 (Servicenämnden: shared risks for system,
 * el and personal). RSA, continuity plans and exercises: demo-data-continuity.ts.
 */
export interface DemoAction { title: string; owner: string; status: 'planerad' | 'pagar' | 'klar' }
export interface DemoEvent { title: string; s: number; k: number; actions: DemoAction[]; followUp: string }

const ISAM = 'Informationssäkerhetssamordnare (ISAM)';
const DUE = '2025-12-31';
export const ACTION_DUE = DUE;

export const VOR_2025: { key: string; events: DemoEvent[] }[] = [
  {
    key: 'behorighetshantering',
    events: [
      {
        title: 'Behörigheter avslutas inte i tid.', s: 4, k: 4,
        actions: [
          { title: 'Objektspecialisten påminner chefer när behörigheter inte avslutats, med stöd av ISAM.', owner: 'Objektspecialist', status: 'pagar' },
          { title: 'Följ upp behörighetshanteringen systematiskt (stickprov enligt förvaltningsplanen).', owner: 'Objektledare', status: 'klar' },
        ],
        followUp:
          'Objektspecialisterna vänder sig i första hand till objektledare och objektägare; ISAM kopplas in bara i särskilda fall. ' +
          'Stickprov gjordes under året och de granskade objekten har en dokumenterad rutin för behörigheter. ' +
          'Förslag: lägg till en genomgång av befintliga behörigheter i den årliga objektuppföljningen.',
      },
      {
        title: 'Information hanteras på fel sätt.', s: 2, k: 3, actions: [],
        followUp:
          'Vi fortsätter att påminna om rapportering i IA för att kunna arbeta förebyggande. Ett nytt utbildningsmaterial togs fram under hösten ' +
          'med fokus på att våga fråga och lära av misstag. Grupper utan egen dator behöver nås på andra sätt.',
      },
      {
        title: 'Medarbetare har åtkomst till information de inte är behöriga till.', s: 4, k: 4,
        actions: [{ title: 'Inför ett systematiskt sätt för chefer att kontrollera att medarbetarnas behörigheter stämmer.', owner: 'Avdelningschefer', status: 'planerad' }],
        followUp: 'Arbetssättet kom inte på plats under 2025. Åtgärden ligger kvar och genomförs 2026.',
      },
      {
        title: 'Brist på resurser och kompetens ger risker i informationssäkerhetsarbetet och objektförvaltningen.', s: 4, k: 3,
        actions: [{ title: 'Kartlägg utbildningsbehov, prioritera och utbilda chefer och medarbetare.', owner: ISAM, status: 'planerad' }],
        followUp: 'Inga gemensamma utbildningar hölls 2025: våren präglades av omorganisationen och under hösten räckte ISAM:s tid inte till.',
      },
    ],
  },
  {
    key: 'incidenthantering',
    events: [
      {
        title: 'Personuppgiftsincidenter anmäls inte.', s: 2, k: 4, actions: [],
        followUp: 'Ingen egen åtgärd beslutad. Antalet anmälda personuppgiftsincidenter följs i incidentstatistiken.',
      },
      {
        title: 'Risker och konsekvenser av incidenter kvarstår.', s: 3, k: 4,
        actions: [
          { title: 'Ta fram en tidsplan för incidentåtgärder som förvaltningsledningen beslutar.', owner: ISAM, status: 'planerad' },
          { title: 'Följ systematiskt upp att beslutade incidentåtgärder genomförs.', owner: ISAM, status: 'planerad' },
        ],
        followUp: 'ISAM har följt incidenter och åtgärder översiktligt, men inte systematiskt – tid och resurser saknades. Det blir en åtgärd för 2026.',
      },
      {
        title: 'Verksamheten kan inte avsätta resurser för att genomföra arbetet.', s: 3, k: 3,
        actions: [{ title: 'Informera och utbilda chefer, till exempel på chefsforum.', owner: ISAM, status: 'pagar' }],
        followUp:
          'Efter omorganisationen fanns en oro för att verksamheterna inte skulle kunna avsätta resurser. Tydligast är att många nya chefer och ' +
          'medarbetare inte fått den information som behövs. Chefsbrev och intranätet har använts; riktad chefsutbildning återstår, digitala kurser finns.',
      },
    ],
  },
  {
    key: 'upphandling',
    events: [
      {
        title: 'Information sprids, lagras och hanteras på ett oönskat sätt.', s: 3, k: 4,
        actions: [{ title: 'ISAM deltar i direktupphandlingar och upphandlingar och bevakar informationssäkerheten.', owner: ISAM, status: 'pagar' }],
        followUp: 'Genom samarbetet med förvaltningens upphandlare får ISAM nu veta om kommande inköp och har bjudits in till några leverantörsmöten före avrop.',
      },
      {
        title: 'Digitala objekt upphandlas utan informationssäkerhetsklassning och risk- och konsekvensanalys.', s: 3, k: 4,
        actions: [{ title: 'Påminn chefer om att kontakta ISAM tidigt inför inköp och upphandling.', owner: 'Förvaltningsledningen', status: 'pagar' }],
        followUp:
          'Verksamheterna behöver fortfarande kontakta ISAM innan de köper in, så att krav på informationssäkerhet kommer med. ' +
          'Vi ser också att digitala objekt tas i bruk med personuppgifter innan avtal finns på plats.',
      },
    ],
  },
];

export interface DemoRisk {
  org: string; title: string; description: string; sourceType: 'vor' | 'rsa' | 'dso' | 'classification' | 'supplier' | 'incident' | 'manual';
  sourceLabel: string; owner: string; inherent: [number, number]; residual: [number, number] | null;
  treatment: 'reducera' | 'acceptera' | 'overfora' | 'undvika' | null; decision: string; reviewDate: string | null;
  /** Link to the demo VoR event with this title (sourceType vor). */
  vorEvent?: string;
}

export const RISKS: DemoRisk[] = [
  {
    org: 'hasselby-vallingby', title: 'Behörigheter avslutas inte när medarbetare slutar eller byter tjänst', description: 'Från VoR 2025, behörighetshantering.',
    sourceType: 'vor', sourceLabel: 'VoR 2025', owner: 'Avdelningschefer', inherent: [4, 4], residual: [3, 4], treatment: 'reducera',
    decision: 'Ingår i internkontrollplanen 2026.', reviewDate: '2027-03-31', vorEvent: 'Behörigheter avslutas inte i tid.',
  },
  {
    org: 'hasselby-vallingby', title: 'Personuppgifter skickas till fel mottagare', description: 'Återkommande kategori i incidentrapporteringen.',
    sourceType: 'incident', sourceLabel: 'Incidentstatistik 2025', owner: 'Avdelningen för individ- och familjeomsorg', inherent: [3, 3], residual: [2, 3],
    treatment: 'reducera', decision: 'Utbildning och teknisk spärr mot fel mottagare utreds.', reviewDate: '2026-06-30',
  },
  {
    org: 'hasselby-vallingby', title: 'Cyberangrepp hos leverantör påverkar förvaltningens information', description: 'Jfr angreppet mot Miljödata 2025.',
    sourceType: 'supplier', sourceLabel: 'Leverantörsgranskning', owner: 'Enheten för it och digitalisering', inherent: [2, 4], residual: [2, 3],
    treatment: 'reducera', decision: 'Krav på incidentrapportering i avtal; exitplan per kritisk leverantör.', reviewDate: '2027-01-31',
  },
  {
    org: 'servicenamnden', title: 'Kontaktcenterplattformen uppfyller inte avtalade krav', description: 'Väsentlig avvikelse i objektförvaltningen av stadens kontaktcenterplattform; ny central upphandling pågår.',
    sourceType: 'supplier', sourceLabel: 'Kontaktcenterplattformen (KCP)', owner: 'Avdelningschef Kontaktcenter', inherent: [4, 4], residual: [3, 3],
    treatment: 'reducera', decision: 'Förstärkt avtalsuppföljning, registervård och behörighetskontroller tills ny plattform är på plats.', reviewDate: '2027-03-31',
  },
  {
    org: 'servicenamnden', title: 'Samtidigt bortfall av system, el eller personal i förvaltningens processer', description: 'RSA 2024: processerna delar dessa risker; kontinuitet hanteras lika i hela förvaltningen.',
    sourceType: 'rsa', sourceLabel: 'RSA 2024–2025', owner: 'Säkerhetsansvarig', inherent: [3, 4], residual: [2, 4], treatment: 'reducera',
    decision: 'Gemensamma principer för kontinuitet beslutade av förvaltningsledningen i november 2025.', reviewDate: '2026-11-30',
  },
  {
    org: 'servicenamnden', title: 'Tredjelandsöverföring i system och processer upptäcks inte', description: 'Från dataskyddsombudets årsrapport.',
    sourceType: 'dso', sourceLabel: 'DSO:s årsrapport 2025', owner: 'Dataskyddssamordnare', inherent: [3, 3], residual: null, treatment: null,
    decision: '', reviewDate: '2027-02-28',
  },
];
