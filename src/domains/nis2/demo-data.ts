import type { AreaKey, CreateNis2Supplier, Nis2Scope, UpdateNis2Area } from './contract';

/** Both demo förvaltningar are väsentliga entiteter (public administration and health care). */
const ESSENTIAL: Nis2Scope['entityType'] = 'vasentlig';

export interface DemoAssessment {
  org: string;
  year: number;
  areas: Partial<Record<AreaKey, Omit<UpdateNis2Area, 'version'>>>;
  suppliers: CreateNis2Supplier[];
  training: { name: string; date: string }[];
  /** The förvaltningschef who approves (demo account e-mail) and the day; absent: not approved. */
  approval?: { by: string; at: string };
}

export const HV_SCOPE = { org: 'hasselby-vallingby', inScope: true, entityType: ESSENTIAL, sector: 'Hälso- och sjukvård', note: 'Omfattas genom hälso- och sjukvården inom äldreomsorgen (Pascal, Procedo och Life Care SP).', registeredOn: '2026-02-16', registrationReference: 'MCF dnr 2026-01887' };
export const SN_SCOPE = { org: 'servicenamnden', inScope: true, entityType: ESSENTIAL, sector: 'Offentlig förvaltning och it-tjänster', note: 'Driver stadens kontaktcenter och gemensamma it-tjänster åt förvaltningar och bolag.' };

/**
 * Hässelby-Vällingby 2025 (seed 002: the NIS systems in health care, supplier follow-up under the new law, the
 * management's duty to approve and be trained): one area in place, seven partly, two not started with a reason;
 * approved by the förvaltningschef in November. Incidents (b), continuity (c) and MFA/secure communication (j) are partly
 * done as seed 002 and the report's other sections say; no management training is registered (seed 002 4.1). Texts, people and dates are this demo's.
 */
export const HV_2025: DemoAssessment = {
  org: 'hasselby-vallingby',
  year: 2025,
  areas: {
    a: {
      status: 'delvis', description: 'Väsentlighets- och riskanalys görs årligen per arbetssätt; stadens riktlinje och förvaltningens lokala anvisning gäller.',
      gaps: 'Riskanalyserna omfattar inte alla NIS-system på systemnivå.', measure: 'Riskanalys per NIS-system (Pascal, Procedo, Life Care SP)', measureOwner: 'ISAM', dueDate: '2026-06-30',
      evidence: 'Lokal anvisning för informationssäkerhet; VoR 2025',
    },
    b: {
      status: 'delvis', description: 'Avvikelser rapporteras i IA och ISAM följer upp incidenterna övergripande; rutin för anmälan till MSB/CSIRT finns.',
      gaps: 'Incidenter och åtgärder följs inte upp systematiskt och många avvikelser ligger kvar i Under registrering; rutinen för NIS-incidenter är inte uppdaterad efter cybersäkerhetslagen.',
      measure: 'Metod för regelbunden uppföljning av rapportering och åtgärder; uppdaterad rutin för NIS-incidenter', measureOwner: 'ISAM', dueDate: '2026-06-30',
      evidence: 'Rutin för incidenthantering',
    },
    c: {
      status: 'delvis', description: 'Fastställda kontinuitetsplaner finns för Procedo och Pascal och för hemtjänstens Life Care SP; planen för hemtjänsten övades i september och återställning av Procedo testades i oktober.',
      gaps: 'Informationssäkerhet är ännu inte inarbetad i alla enheters kontinuitetsplaner (främst myndighetsutövningen); återställning från säkerhetskopia har bara testats för Procedo.',
      measure: 'Arbeta in informationssäkerhet i enheternas kontinuitetsplaner och testa återställning även för Life Care SP', measureOwner: 'Avdelningschef äldreomsorg och säkerhetsstrateg', dueDate: '2026-09-30',
    },
    d: {
      status: 'delvis', description: 'Leverantörerna av NIS-systemen är kartlagda med underleverantörer.', gaps: 'Underleverantörer utan avtal med förvaltningen är inte riskbedömda.',
      measure: 'Krav på leverantörsuppföljning i avtal och riskbedömning av underleverantörer', measureOwner: 'ISAM och upphandlare', dueDate: '2026-12-31',
    },
    e: { status: 'ej_paborjad', reason: 'Systemen förvaltas centralt; förvaltningen inväntar stadens gemensamma rutin för sårbarhetshantering under 2026.' },
    f: { status: 'ej_paborjad', reason: 'Påbörjas när riskanalyserna per NIS-system är klara; mognadsmätningen används tills vidare som uppföljning.' },
    g: {
      status: 'delvis', description: 'Stadens e-utbildningar i informationssäkerhet är obligatoriska för alla medarbetare; ISAM och DSO har hållit riktade utbildningar för enheter och funktioner.',
      gaps: 'Ingen riktad utbildning för chefer eller förvaltningsledningen under 2025; timvikarier utan egen dator nås inte av e-utbildningen.',
      measure: 'Utbildning i cybersäkerhet för förvaltningsledningen och cheferna samt för grupper utan egen dator', measureOwner: 'ISAM', dueDate: '2026-04-30',
    },
    h: { status: 'genomford', description: 'Kryptering enligt stadens it-miljö; säkra meddelanden införs för känsliga uppgifter.' },
    i: {
      status: 'delvis', description: 'Behörigheter beställs av chef och följs upp i sociala system.', gaps: 'Behörighetsuppföljning görs inte för alla NIS-system.',
      measure: 'Halvårsvis behörighetskontroll i NIS-systemen', measureOwner: 'Objektägare', dueDate: '2026-06-30',
    },
    j: {
      status: 'delvis', description: 'Inloggning med SITHS-kort eller BankID (flerfaktor) i alla NIS-system; införandet av Säkra meddelanden har påbörjats.',
      gaps: 'Säkra meddelanden prövas av två pilotenheter i december och används i verksamheterna först efter årsskiftet; Säker digital kommunikation (SDK) är inte införd.',
      measure: 'Fortsatt införande av Säkra meddelanden och påbörjat införande av SDK', measureOwner: 'ISAM', dueDate: '2026-12-31',
    },
  },
  suppliers: [
    { supplier: 'Tieto Evry', service: 'Life Care SP (hemtjänstens verksamhetssystem)', subSuppliers: 'Driftleverantör för datacenter (inget eget avtal med förvaltningen)', contract: true, assessed: true },
    { supplier: 'Procedo AB', service: 'Procedo (journalföring i äldreomsorgens hälso- och sjukvård)', subSuppliers: 'Molntjänst för lagring och säkerhetskopior (utan avtal med förvaltningen)', contract: true, assessed: false },
    { supplier: 'E-hälsomyndigheten', service: 'Pascal (dosdispenserade läkemedel)', subSuppliers: '', contract: false, assessed: true },
  ],
  // Seed 002: "Ingen riktad utbildning har hållits för chefer" in 2025, so no management training is registered.
  training: [],
  approval: { by: 'chef.hv@demo.stockholm', at: '2025-11-20T10:00:00+01:00' },
};

/**
 * Servicenämnden 2025 (seed 000: the city's contact centre and IT services, the supply chain through the central
 * procurement, training of the management): approved in December; 2026 is started from it (carried forward).
 */
export const SN_2025: DemoAssessment = {
  org: 'servicenamnden',
  year: 2025,
  areas: {
    a: {
      status: 'delvis', description: 'Riskinventering för NIS2 pågår tillsammans med RSA och IKP.', gaps: 'Riskinventeringen är inte klar för alla tjänster åt andra förvaltningar.',
      measure: 'Slutföra riskinventeringen för NIS2', measureOwner: 'ISAM', dueDate: '2026-06-30',
    },
    b: {
      status: 'delvis', description: 'Incidenter rapporteras och hanteras; kartläggning av användarnas väg genom processen pågår.',
      gaps: 'Separata processer för informationssäkerhet, dataskydd och arbetsmiljö.', measure: 'Gemensam incidenthanteringsprocess', measureOwner: 'ISAM och dataskyddsombud', dueDate: '2026-10-31',
    },
    c: { status: 'genomford', description: 'Kontinuitetsplaner och gemensamma principer för system-, el- och personalbortfall beslutades i november.' },
    d: {
      status: 'delvis', description: 'Förstärkt avtalsuppföljning av kontaktcenterplattformen; ny central upphandling pågår.',
      gaps: 'Indirekta risker hos underleverantörer utan avtal är inte kartlagda.', measure: 'Rutin för informationssäkerhet i inköpsprocessen', measureOwner: 'Upphandlingsavdelningen', dueDate: '2026-12-31',
    },
    e: { status: 'delvis', description: 'Säkerhetskrav ställs vid upphandling av nya system.', gaps: 'Sårbarhetshantering följs inte upp hos leverantörerna.' },
    f: { status: 'ej_paborjad', reason: 'Mognadsdialogen (MSB:s arbetssätt) ger underlag; en egen metod tas fram när riskinventeringen är klar.' },
    g: {
      status: 'delvis', description: 'Förvaltningsledningen och cheferna har utbildats inför NIS2.', gaps: 'Medarbetarna saknar utbildning i incidenthantering och riskarbete.',
      measure: 'Utbildningsinsats i informationshantering för alla anställda', measureOwner: 'ISAM', dueDate: '2026-11-30',
    },
    h: { status: 'genomford', description: 'Kryptering i stadens gemensamma it-miljö.' },
    i: { status: 'genomford', description: 'Behörighetskontroller görs systematiskt två gånger per år.' },
    j: { status: 'delvis', description: 'Flerfaktorinloggning för administratörer.', gaps: 'Inte för alla användare av kontaktcenterplattformen.' },
  },
  suppliers: [
    { supplier: 'Telia', service: 'Telia ACE (stadens kontaktcenterplattform)', subSuppliers: 'Underleverantör för drift och support (utan avtal med förvaltningen)', contract: true, assessed: true },
    { supplier: 'Artvise AB', service: 'Artvise (ärendehantering för kontaktcenter)', subSuppliers: '', contract: true, assessed: false },
  ],
  training: [
    { name: 'Eva Strand (förvaltningschef)', date: '2025-03-18' },
    { name: 'Helena Vass (avdelningschef Kontaktcenter)', date: '2025-09-09' },
  ],
  approval: { by: 'chef.sf@demo.stockholm', at: '2025-12-09T14:00:00+01:00' },
};
