import type { Frequency, Period, ResultKind } from './contract';

/**
 * Demo internkontroll for 2025, written anew. Servicenämnden follows seed 000 section 1.1.3: systematic
 * behörighetskontroller of gruppdiskar, funktionsbrevlådor and sändlistor twice a year without deviations, and the
 * objektförvaltning of the city's kontaktcenterplattform with a väsentlig avvikelse in T2. Servicenämnden has no VoR
 * in the demo, so its controls are its own (with titles). Hässelby-Vällingby has one control for each IKP risk of its
 * VoR 2025 (risks/demo-data.ts), named by the event's title: mostly without deviation, one avvikelse.
 */
export interface DemoResult { period: Period; performedOn: string | null; result: ResultKind; reason?: string; comment?: string; measures?: string }
export interface DemoControl {
  org: string;
  /** The VoR event's title (an IKP risk of the year), or null for the förvaltning's own control. */
  event: string | null;
  title?: string;
  control: string;
  method: string;
  frequency: Frequency;
  responsible: string;
  results: DemoResult[];
}

const clean = (period: Period, performedOn: string): DemoResult => ({ period, performedOn, result: 'utan_avvikelse' });
const halfYearly = (h1: string, h2: string) => [clean('H1', h1), clean('H2', h2)];

export const YEAR = 2025;

export const CONTROLS: DemoControl[] = [
  {
    org: 'servicenamnden', event: null, title: 'Behörighetskontroll av gruppdiskar',
    control: 'Varje medarbetares åtkomst till förvaltningens gruppdiskar stäms av mot chefens uppgifter om vem som behöver den.',
    method: 'Genomgång av behörighetslista', frequency: 'halvar', responsible: 'IT-samordnare', results: halfYearly('2025-06-16', '2025-11-24'),
  },
  {
    org: 'servicenamnden', event: null, title: 'Behörighetskontroll av funktionsbrevlådor',
    control: 'Behörigheterna till funktionsbrevlådorna gås igenom med brevlådornas ägare; den som inte längre behöver åtkomst tas bort.',
    method: 'Genomgång av behörighetslista', frequency: 'halvar', responsible: 'IT-samordnare', results: halfYearly('2025-06-17', '2025-11-25'),
  },
  {
    org: 'servicenamnden', event: null, title: 'Behörighetskontroll av sändlistor',
    control: 'Medlemmarna i förvaltningens sändlistor och liknande grupper stäms av mot aktuella anställningar och uppdrag.',
    method: 'Avstämning mot personalsystemet', frequency: 'halvar', responsible: 'IT-samordnare', results: halfYearly('2025-06-18', '2025-11-26'),
  },
  {
    org: 'servicenamnden', event: null, title: 'Objektförvaltning av kontaktcenterplattformen',
    control: 'Leverantören av stadens kontaktcenterplattform följs upp mot de krav på leverans, funktionalitet och behörighetshantering som avtalats.',
    method: 'Avtalsuppföljning och genomgång av leveransrapporter', frequency: 'tertial', responsible: 'Objektägare kontaktcenterplattformen',
    results: [
      clean('T1', '2025-05-07'),
      {
        period: 'T2', performedOn: '2025-09-04', result: 'vasentlig_avvikelse',
        comment: 'Leverantören uppfyller inte de avtalade kraven på leverans och funktionalitet',
        measures: 'Förstärkt avtalsuppföljning, registervård och behörighetskontroller under perioden och en tät dialog med leverantören. Kommunfullmäktige har gett förvaltningen i uppdrag att genomföra en ny central upphandling av kontaktcenterplattform.',
      },
      {
        period: 'T3', performedOn: '2025-12-10', result: 'avvikelse',
        comment: 'Leveransen är stabilare, men alla avtalade krav uppfylls ännu inte',
        measures: 'Den förstärkta avtalsuppföljningen fortsätter tills den nya plattformen är upphandlad och införd.',
      },
    ],
  },
  {
    org: 'hasselby-vallingby', event: 'Behörigheter avslutas inte i tid.', title: 'Stickprov på avslutade behörigheter',
    control: 'Ett urval av avslutade anställningar under perioden kontrolleras mot behörigheterna i verksamhetssystemen.',
    method: 'Stickprov', frequency: 'tertial', responsible: 'Objektledare',
    results: [
      clean('T1', '2025-05-13'), clean('T2', '2025-09-09'),
      {
        period: 'T3', performedOn: '2025-12-09', result: 'avvikelse',
        comment: 'Två av tjugo kontrollerade medarbetare som slutat hade kvar behörighet i verksamhetssystemet',
        measures: 'Behörigheterna togs bort samma dag. Cheferna har påmints om att beställa avslut av behörigheter när en anställning upphör.',
      },
    ],
  },
  {
    org: 'hasselby-vallingby', event: 'Medarbetare har åtkomst till information de inte är behöriga till.', title: 'Genomgång av behörigheter i social dokumentation',
    control: 'Behörighetslistan för verksamhetssystemet för social dokumentation gås igenom med ansvarig chef för varje enhet.',
    method: 'Genomgång av behörighetslista', frequency: 'halvar', responsible: 'Avdelningschefer', results: halfYearly('2025-06-12', '2025-12-04'),
  },
  {
    org: 'hasselby-vallingby', event: 'Brist på resurser och kompetens ger risker i informationssäkerhetsarbetet och objektförvaltningen.', title: 'Uppföljning av e-utbildning i informationssäkerhet',
    control: 'Andelen medarbetare per enhet som genomfört stadens e-utbildning i informationssäkerhet stäms av.',
    method: 'Avstämning', frequency: 'halvar', responsible: 'Informationssäkerhetssamordnare (ISAM)', results: halfYearly('2025-06-26', '2025-12-11'),
  },
  {
    org: 'hasselby-vallingby', event: 'Risker och konsekvenser av incidenter kvarstår.', title: 'Uppföljning av incidentåtgärder',
    control: 'Beslutade åtgärder efter incidenter stäms av mot incidentregistret: är de genomförda i tid?',
    method: 'Avstämning mot incidentregistret', frequency: 'tertial', responsible: 'Informationssäkerhetssamordnare (ISAM)',
    results: [clean('T1', '2025-05-20'), clean('T2', '2025-09-16'), clean('T3', '2025-12-12')],
  },
  {
    org: 'hasselby-vallingby', event: 'Information sprids, lagras och hanteras på ett oönskat sätt.', title: 'ISAM i upphandlingar av digitala tjänster',
    control: 'Årets upphandlingar och direktupphandlingar av digitala tjänster stäms av: har ISAM varit med innan avtal tecknades?',
    method: 'Avstämning mot upphandlingsförteckningen', frequency: 'arlig', responsible: 'Upphandlare', results: [clean('helar', '2025-12-15')],
  },
  {
    org: 'hasselby-vallingby', event: 'Digitala objekt upphandlas utan informationssäkerhetsklassning och risk- och konsekvensanalys.', title: 'Klassning och PUB-avtal före driftsättning',
    control: 'Ett urval av nya digitala objekt kontrolleras: fanns informationsklassning och PUB-avtal innan objektet togs i drift?',
    method: 'Stickprov', frequency: 'halvar', responsible: 'Pm3-ansvarig', results: halfYearly('2025-06-19', '2025-12-03'),
  },
];
