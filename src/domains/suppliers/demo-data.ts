import type { CreateSupplier } from './contract';

/** A demo supplier: the objects it delivers are named (objects of the förvaltning's objektlista). */
export type DemoSupplier = Omit<CreateSupplier, 'objectIds'> & { objects?: string[] };

/**
 * Hässelby-Vällingby 2025 (seed 002: the NIS systems in health care and the supplier follow-up the new law asks for):
 * the suppliers of the demo objects, named as in the objektlista and the NIS2 supply chain. Tieto Evry's data-centre
 * operator and Procedo's cloud storage have no contract with the förvaltning (as in the NIS2 demo); Procedo is not
 * yet assessed; CGI's assessment of 2024 found shortcomings and is due again; Zoom transfers to the USA under SCC
 * without a TIA; the interpreting service lacks a PUB-avtal. Dates, people and texts are this demo's.
 */
export const HV_SUPPLIERS: DemoSupplier[] = [
  {
    org: 'hv-hemtjanst', name: 'Tieto Evry', services: 'Life Care SP: hemtjänstens verksamhetssystem som molntjänst med drift och support.',
    contact: 'Kundansvarig för Life Care, Tieto Evry', processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2021-09-01', pubReviewDate: '2026-09-01',
    exitPlan: true, exitPlanNote: 'Export av journal- och insatsdata i avtalat format; sex månaders parallelldrift vid byte.',
    subSuppliers: [{ name: 'Driftleverantör för datacenter', service: 'Drift av servrar och lagring', country: 'Sverige', withoutContract: true }],
    assessmentDate: '2025-04-22', assessmentResult: 'godtagbar', assessmentNote: 'Granskning av SOC 2-rapport och loggning; inga avvikelser.', followUpDate: '2026-04-22',
    objects: ['Life Care SP'],
  },
  {
    org: 'hv-aldre', name: 'Procedo AB', services: 'Procedo: journalföring och planering i äldreomsorgens hälso- och sjukvård.',
    contact: 'Förvaltningsledare hos Procedo AB', processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2020-02-10', pubReviewDate: '2026-02-10',
    subSuppliers: [{ name: 'Molntjänst för lagring och säkerhetskopior', service: 'Lagring och säkerhetskopior', country: 'Sverige', withoutContract: true }],
    followUpDate: '2026-01-31', objects: ['Procedo'],
  },
  {
    org: 'hv-aldre', name: 'E-hälsomyndigheten', services: 'Pascal: beställning av dosdispenserade läkemedel (myndighetens egen tjänst enligt lag).',
    processesPersonalData: false, pubAgreement: 'ej_tillampligt',
    assessmentDate: '2025-03-12', assessmentResult: 'godtagbar', assessmentNote: 'Myndigheten är själv personuppgiftsansvarig för tjänsten; tillgänglighet följs i förvaltningsforum.',
    followUpDate: '2026-03-12', objects: ['Pascal'],
  },
  {
    org: 'hv-socialtjanst-barn', name: 'CGI', services: 'Treserva: dokumentation och ärendehantering i socialtjänsten.',
    contact: 'Leveransansvarig Treserva, CGI', processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2019-05-20', pubReviewDate: '2024-05-20',
    exitPlan: false, assessmentDate: '2024-06-10', assessmentResult: 'brister', assessmentNote: 'Behörighetsloggar kan inte tas ut per enhet; åtgärd utlovad till 2025.',
    followUpDate: '2025-06-10', objects: ['Treserva'],
  },
  {
    org: 'hv-it', name: 'Zoom Video Communications', services: 'Zoom: videomöten för verksamheter som inte kan använda stadens ordinarie mötestjänst.',
    processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2023-01-16', pubReviewDate: '2026-01-16',
    thirdCountryTransfer: true, thirdCountries: 'USA', transferTool: 'scc', tiaDone: false,
    assessmentDate: '2025-02-03', assessmentResult: 'brister', assessmentNote: 'AI-funktioner slogs på vid uppgraderingen; TIA för överföringen till USA saknas.',
    followUpDate: '2026-02-03', objects: ['Zoom'],
  },
  {
    org: 'hv-ifo', name: 'Språkservice Tolk AB', services: 'Tolktjänster på plats och per telefon vid utredningar och möten.',
    processesPersonalData: true, pubAgreement: 'nej', followUpDate: '2026-03-31',
  },
];

/**
 * Servicenämnden 2025 (seed 000): Telia, whose contact-centre platform Telia ACE was the year's essential deviation
 * (strengthened contract follow-up); Miljödata, whose breach exposed employees' personal data and was the one
 * incident reported to IMY; Artvise, not yet assessed; and a few suppliers of the objektlista. Texts are this demo's.
 */
export const SN_SUPPLIERS: DemoSupplier[] = [
  {
    org: 'sf-kontaktcenter', name: 'Telia Sverige AB', services: 'Telia ACE: stadens kontaktcenterplattform för telefoni och köhantering.',
    contact: 'Kundansvarig Telia Företag', processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2022-06-01', pubReviewDate: '2026-06-01',
    exitPlan: true, exitPlanNote: 'Ny central upphandling pågår; övergång planeras med fallback för telefonin.',
    subSuppliers: [{ name: 'Underleverantör för drift och support', service: 'Drift och support av plattformen', country: 'Sverige', withoutContract: true }],
    assessmentDate: '2025-10-15', assessmentResult: 'brister', assessmentNote: 'Förstärkt avtalsuppföljning, registervård och behörighetskontroller under året.',
    followUpDate: '2026-04-15', objects: ['Telia ACE'],
  },
  {
    org: 'servicenamnden', name: 'Miljödata', services: 'Systemstöd för personaladministration: arbetsmiljö, rehabilitering och sjukfrånvaro.',
    processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2021-03-01', pubReviewDate: '2026-03-01',
    exitPlan: true, exitPlanNote: 'Alternativ för systemstödet utreds efter dataintrånget.',
    assessmentDate: '2025-09-30', assessmentResult: 'ej_godtagbar',
    assessmentNote: 'Dataintrång hos leverantören 2025 där uppgifter om anställda röjdes, även skyddade personuppgifter; anmält till IMY. Åtgärdsplan krävd.',
    followUpDate: '2026-01-15',
  },
  {
    org: 'sf-kontaktcenter', name: 'Artvise AB', services: 'Artvise: ärendehantering och kundtjänstverktyg för Kontaktcenter Stockholm.',
    processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2020-11-02', pubReviewDate: '2025-11-02', exitPlan: false,
    followUpDate: '2026-02-28', objects: ['Artvise'],
  },
  {
    org: 'sf-ekonomi', name: 'Lönedata Sverige AB', services: 'Lönesystemet och hanteringen av skyddade personuppgifter i lön.',
    processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2022-01-10', pubReviewDate: '2027-01-10', exitPlan: true, exitPlanNote: 'Löneunderlag exporteras månadsvis till stadens arkiv.',
    assessmentDate: '2025-05-20', assessmentResult: 'godtagbar', followUpDate: '2026-05-20', objects: ['Lönesystemet', 'Skyddade personuppgifter i lön'],
  },
  {
    org: 'servicenamnden', name: 'Enkätverktyg Sverige AB', services: 'Kundnöjdhets- och medarbetarenkäter.',
    processesPersonalData: true, pubAgreement: 'nej', thirdCountryTransfer: true, thirdCountries: 'USA', transferTool: 'adekvansbeslut',
    assessmentDate: '2025-08-19', assessmentResult: 'brister', assessmentNote: 'PUB-avtal saknas; leverantören omfattas av EU–US Data Privacy Framework.',
    followUpDate: '2026-02-19', objects: ['Kundnöjdhetsenkäten', 'Medarbetarenkäten'],
  },
  {
    org: 'servicenamnden', name: 'Identitetstjänster AB', services: 'Behörighetsportalen och signeringstjänsten.',
    processesPersonalData: true, pubAgreement: 'ja', pubSignedDate: '2023-04-01', pubReviewDate: '2026-04-01',
    assessmentDate: '2024-11-05', assessmentResult: 'godtagbar', followUpDate: '2025-11-05', objects: ['Behörighetsportalen', 'Signeringstjänsten'],
  },
];
