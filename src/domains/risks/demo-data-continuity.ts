/**
 * Continuity demo. Servicenämnden (seed 000): the RSA runs in two-year cycles, 2024–2025 done and 2026–2027
 * planned; its processes share the risks of losing systems, power and staff; Artvise has a fastställd continuity
 * plan and the contact-centre platform (Telia ACE) a plan being put together in Q1 2026; exercises on several
 * avdelningar during 2025 and the management group's crisis exercise in December. Hässelby-Vällingby (seed 002):
 * updated continuity plans per verksamhet, exercised during the year. Names as in the seeds; dates, people and texts
 * are this demo's.
 */
import type { z } from '@hono/zod-openapi';
import type { CreateActivity as CA, CreateExercise as CE, CreatePlan as CP } from './contract-register';

type CreateActivity = z.infer<typeof CA>;
type CreatePlan = z.input<typeof CP>;
type CreateExercise = z.input<typeof CE>;

type Status = 'planerad' | 'pagar' | 'klar';
export interface DemoRsa { org: string; cycleStartYear: number; cycleEndYear: number; status: Status; summary: string; activities: (Omit<CreateActivity, 'objectIds'> & { objects?: string[] })[] }
/** A plan names its process (`activity`, within the plan's förvaltning) and systems (`objects`, of the förvaltning's objektlista). */
export type DemoPlan = Omit<CreatePlan, 'activityId' | 'objectIds'> & { activity?: string; objects?: string[] };
/** An exercise names the plans it exercised (by title, within the förvaltning). */
export type DemoExercise = Omit<CreateExercise, 'planIds'> & { plans: string[]; actions: { title: string; owner: string; dueDate: string; status: Status }[] };

const dep = (type: 'system' | 'el' | 'personal' | 'lokal' | 'leverantor', name: string, note = '') => ({ type, name, note });

export const RSAS: DemoRsa[] = [
  {
    org: 'servicenamnden', cycleStartYear: 2024, cycleEndYear: 2025, status: 'klar',
    summary: 'Förvaltningens processer kartlades med sina beroenden. Risker som processerna har gemensamt – bortfall av system, el eller personal – hanteras med gemensamma principer; åtgärds- och kontinuitetsplaner tas fram där förvaltningen själv styr. 2025 låg tyngdpunkten på kontinuitetsplanerna.',
    activities: [
      {
        name: 'Kontakt Stockholm – kundmottagning', ownerOrg: 'sf-kontaktcenter', owner: 'Avdelningschef Kontaktcenter', maxDowntimeHours: 4,
        description: 'Invånarnas väg in till staden per telefon, chatt och e-post.', capability: 'viss',
        capabilityNote: 'Reservkö för telefonin finns sedan 2025; en samlad plan blir klar under första kvartalet 2026.',
        dependencies: [dep('system', 'Kontaktcenterplattformen', 'Drivs av extern leverantör'), dep('el', 'Elförsörjning i lokalerna'), dep('personal', 'Handläggare i kontaktcenter', 'Sårbart vid hög frånvaro'), dep('leverantor', 'Plattformsleverantören')],
        threats: [{ title: 'Långvarigt avbrott i plattformen', description: 'Invånare kommer inte fram till staden per telefon.' }],
        objects: ['Telia ACE'],
      },
      {
        name: 'Kontakt Stockholm – ärendehantering', ownerOrg: 'sf-kontaktcenter', owner: 'Avdelningschef Kontaktcenter', maxDowntimeHours: 24,
        description: 'Registrering och uppföljning av invånarnas ärenden.', capability: 'god', capabilityNote: 'Fastställd kontinuitetsplan för Artvise.',
        dependencies: [dep('system', 'Artvise'), dep('personal', 'Handläggare')],
        threats: [{ title: 'Avbrott i Artvise', description: 'Ärenden kan varken registreras eller följas upp.' }],
        objects: ['Artvise'],
      },
      {
        name: 'Löneutbetalning', ownerOrg: 'sf-ekonomi', owner: 'Avdelningschef Ekonomi', maxDowntimeHours: 72,
        description: 'Månadens löner till stadens anställda, med skyddade personuppgifter.', capability: 'viss',
        dependencies: [dep('system', 'Lönesystemet'), dep('personal', 'Lönehandläggare', 'Få personer kan köra lönen'), dep('el', 'El och nät i driftmiljön')],
        threats: [{ title: 'Lönekörningen kan inte göras', description: 'Löner betalas ut för sent.' }],
        objects: ['Lönesystemet'],
      },
      {
        name: 'Upphandling och avrop', ownerOrg: 'sf-upphandling', owner: 'Avdelningschef Upphandling', maxDowntimeHours: 120,
        description: 'Stadens centrala upphandlingar och avrop från ramavtal.', capability: 'viss',
        dependencies: [dep('personal', 'Upphandlare'), dep('lokal', 'Kontorslokaler'), dep('leverantor', 'Leverantör av upphandlingsverktyget')],
        threats: [{ title: 'Nyckelpersoner saknas', description: 'Pågående upphandlingar försenas.' }],
      },
    ],
  },
  {
    org: 'servicenamnden', cycleStartYear: 2026, cycleEndYear: 2027, status: 'planerad',
    summary: 'Nästa cykel startar 2026 enligt stadens anvisningar; riskinventeringen inför cybersäkerhetslagen tas med.',
    activities: [],
  },
];

export const PLANS: DemoPlan[] = [
  {
    org: 'servicenamnden', title: 'Kontinuitetsplan Artvise', objectName: 'Artvise', owner: 'Objektägare Artvise', status: 'faststalld',
    adoptedDate: '2024-11-20', lastReviewed: '2025-10-15', nextReview: '2026-10-15', activity: 'Kontakt Stockholm – ärendehantering', objects: ['Artvise'],
    fallback: 'Vid avbrott förs ärenden i en förberedd kalkylmall på en delad yta och läggs in i Artvise när systemet är tillbaka. Brådskande ärenden lämnas över per telefon.',
  },
  {
    org: 'servicenamnden', title: 'Kontinuitetsplan kontaktcenterplattformen', objectName: 'Kontaktcenterplattformen', owner: 'Objektägare kontaktcenterplattformen',
    status: 'under_arbete', nextReview: '2026-03-31', activity: 'Kontakt Stockholm – kundmottagning', objects: ['Telia ACE'],
    fallback: 'Sedan 2025 leds inkommande samtal vid avbrott till en reservkö med inspelat meddelande och återuppringning. Den samlade planen ska vara klar under första kvartalet 2026.',
  },
  {
    org: 'sf-ekonomi', title: 'Kontinuitetsplan löneutbetalning', objectName: 'Lönesystemet', owner: 'Avdelningschef Ekonomi', status: 'faststalld',
    adoptedDate: '2023-05-10', lastReviewed: '2024-05-15', activity: 'Löneutbetalning', objects: ['Lönesystemet'],
    fallback: 'Föregående månads lönefil betalas ut som förskott; avvikelser rättas vid nästa ordinarie körning.',
  },
  {
    org: 'hasselby-vallingby', title: 'Reservrutin vid avbrott i verksamhetssystem för social dokumentation', objectName: 'Verksamhetssystem (social dokumentation)',
    owner: 'Avdelningschef äldreomsorg', status: 'faststalld', adoptedDate: '2024-09-01', lastReviewed: '2025-09-01', nextReview: '2026-09-01',
    fallback: 'Varje enhet har pappersblanketter för genomförandeanteckningar; anteckningarna förs in i systemet inom två arbetsdagar.',
  },
  {
    org: 'hv-hemtjanst', title: 'Kontinuitetsplan hemtjänsten', objectName: 'Life Care SP', owner: 'Enhetschef hemtjänst', status: 'faststalld',
    adoptedDate: '2023-03-01', lastReviewed: '2025-09-15', objects: ['Life Care SP'],
    fallback: 'Dagens besökslistor skrivs ut varje morgon; vid avbrott planeras insatserna från utskriften och nycklar lämnas ut manuellt.',
  },
  {
    org: 'hv-aldre', title: 'Kontinuitetsplan hälso- och sjukvård i äldreomsorgen', objectName: 'Procedo', owner: 'Medicinskt ansvarig sjuksköterska', status: 'faststalld',
    adoptedDate: '2023-02-01', lastReviewed: '2025-09-10', objects: ['Procedo', 'Pascal'],
    fallback: 'Läkemedelslistor finns utskrivna på varje boende; dosbeställningar görs per telefon till apoteket.',
  },
  {
    org: 'hv-socialtjanst-barn', title: 'Kontinuitetsplan socialtjänsten barn och unga', objectName: 'Treserva', owner: 'Enhetschef barn och unga', status: 'faststalld',
    adoptedDate: '2024-04-01', lastReviewed: '2025-10-01', objects: ['Treserva'],
    fallback: 'Akuta ärenden handläggs på blankett och journalförs i efterhand; socialjouren har egen reservrutin.',
  },
];

export const EXERCISES: DemoExercise[] = [
  {
    org: 'sf-kontaktcenter', date: '2025-04-23', title: 'Diskussionsövning: Artvise otillgängligt en hel dag', type: 'diskussionsovning', status: 'genomford',
    scenario: 'Artvise går inte att nå från morgonen till sen eftermiddag under en dag med högt ärendeinflöde.', participants: ['Gruppchefer', 'Objektägare Artvise', 'ISAM'],
    participantCount: 9, observations: 'Kalkylmallen fungerade men behövde fler fält; rutinen för efterregistrering var okänd för nyanställda.',
    plans: ['Kontinuitetsplan Artvise'], actions: [{ title: 'Komplettera kalkylmallen och introduktionen för nyanställda.', owner: 'Gruppchef ärendehantering', dueDate: '2025-06-30', status: 'klar' }],
  },
  {
    org: 'sf-ekonomi', date: '2026-02-10', title: 'Planerad övning: lönekörning utan lönesystemet', type: 'funktionsovning', status: 'planerad',
    scenario: 'Lönesystemet är otillgängligt två dagar före utbetalning.', participants: ['Lönehandläggare', 'Avdelningschef Ekonomi'], participantCount: 6,
    observations: '', plans: ['Kontinuitetsplan löneutbetalning'], actions: [],
  },
  {
    org: 'sf-upphandling', date: '2026-03-17', title: 'Planerad övning: upphandlingsverktyget otillgängligt', type: 'diskussionsovning', status: 'planerad',
    scenario: 'Verktyget för anbudsinlämning ligger nere sista dagen för anbud.', participants: ['Upphandlare', 'Jurist'], participantCount: 8,
    observations: '', plans: [], actions: [],
  },
  {
    org: 'servicenamnden', date: '2025-12-09', title: 'Krisövning för chefsgruppen', type: 'krisledningsovning', status: 'genomford',
    scenario: 'Ett elavbrott som varar flera dygn slår ut kontaktcenterplattformen samtidigt som många medarbetare är sjuka.',
    participants: ['Förvaltningsdirektör', 'Avdelningschefer', 'Säkerhetsansvarig', 'ISAM', 'Kommunikationschef'], participantCount: 11,
    observations: 'Ansvaret var tydligt fördelat. Kontaktvägarna till plattformsleverantören vid elavbrott behöver skrivas ned och reservkön prövas på riktigt.',
    plans: ['Kontinuitetsplan kontaktcenterplattformen', 'Kontinuitetsplan Artvise'],
    actions: [
      { title: 'Skriv ned kontaktvägarna till plattformsleverantören vid avbrott.', owner: 'Objektägare kontaktcenterplattformen', dueDate: '2026-02-28', status: 'klar' },
      { title: 'Pröva reservkön skarpt varje halvår.', owner: 'Avdelningschef Kontaktcenter', dueDate: '2026-06-30', status: 'pagar' },
    ],
  },
  {
    org: 'hv-hemtjanst', date: '2025-09-24', title: 'Funktionsövning: Life Care SP nere en morgon', type: 'funktionsovning', status: 'genomford',
    scenario: 'Verksamhetssystemet och appen i telefonerna fungerar inte när morgonpasset börjar.', participants: ['Samordnare', 'Undersköterskor', 'Enhetschef'], participantCount: 14,
    observations: 'Utskrivna besökslistor räckte för morgonen; nyckelhanteringen tog längre tid än planerat.',
    plans: ['Kontinuitetsplan hemtjänsten'], actions: [{ title: 'Se över den manuella nyckelutlämningen.', owner: 'Enhetschef hemtjänst', dueDate: '2025-12-31', status: 'klar' }],
  },
  {
    org: 'hv-socialtjanst-barn', date: '2025-05-14', title: 'Tabletop: Treserva otillgängligt under jourhelg', type: 'diskussionsovning', status: 'genomford',
    scenario: 'Treserva kan inte nås under en helg med flera akuta placeringar.', participants: ['Socialsekreterare', 'Socialjouren', 'Enhetschef'], participantCount: 7,
    observations: 'Blanketterna för akuta beslut var inaktuella och uppdaterades efter övningen.', plans: ['Kontinuitetsplan socialtjänsten barn och unga'], actions: [],
  },
  {
    org: 'hv-aldre', date: '2025-10-08', title: 'Återställningstest av Procedo', type: 'aterstallningstest', status: 'genomford',
    scenario: 'Journaldata återställs från säkerhetskopia i testmiljö tillsammans med leverantören.', participants: ['Systemförvaltare', 'Leverantören'], participantCount: 4,
    observations: 'Återställningen tog sex timmar; rutinen för kontroll av återställda data skrevs in i planen.',
    plans: ['Kontinuitetsplan hälso- och sjukvård i äldreomsorgen'], actions: [],
  },
];
