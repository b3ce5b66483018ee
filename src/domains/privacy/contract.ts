import { z } from '@hono/zod-openapi';
import { int4, IsoDate } from '../../server/platform/schema';

/**
 * The registerförteckning (GDPR art. 30): the förvaltning's processing activities (behandlingar) with purposes, legal
 * basis, data subjects and personal data, recipients, third-country transfers, erasure limits and security measures,
 * the systems (digital objects) used, the DSO's approval and a DPIA threshold analysis (tröskelanalys) after the nine
 * EDPB/WP248 criteria. Field names are English; the stored choices are the users' Swedish words.
 */

/** Art. 6.1 a–f: samtycke, avtal, rättslig förpliktelse, grundläggande intresse, allmänt intresse/myndighetsutövning, berättigat intresse. */
export const LEGAL_BASES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
/** utkast (draft), granskas (waiting for the DSO's review), godkand (approved by the DSO). */
export const PRIVACY_STATUSES = ['utkast', 'granskas', 'godkand'] as const;
export type PrivacyStatus = (typeof PRIVACY_STATUSES)[number];
/** Chapter V transfer tools: adequacy decision (art. 45), SCC (46.2 c), BCR (47), other (46, 49). */
export const TRANSFER_TOOLS = ['adekvansbeslut', 'scc', 'bcr', 'annat'] as const;
export const PUB_AGREEMENTS = ['ja', 'nej', 'ej_tillampligt'] as const;
/** The nine EDPB/WP248 criteria of the threshold analysis, in the guidelines' order. */
export const DPIA_CRITERIA = [
  'utvardering', 'automatiserade_beslut', 'systematisk_overvakning', 'kansliga_uppgifter', 'stor_omfattning',
  'samkorning', 'sarbara_registrerade', 'ny_teknik', 'hindrar_rattighet',
] as const;
export type DpiaCriterion = (typeof DPIA_CRITERIA)[number];
/** Two or more criteria: a DPIA (art. 35) is likely required (WP248 rev.01). */
export const DPIA_THRESHOLD = 2;
/** ej_gjord: not done (yet); gjord: done, dated; behovs_ej: not needed, with the reason. */
export const DPIA_STATES = ['ej_gjord', 'gjord', 'behovs_ej'] as const;
export type DpiaState = (typeof DPIA_STATES)[number];

const Text = (max: number) => z.string().trim().max(max);
const List = z.array(Text(300).min(1)).max(50);

export const LinkedObject = z.object({ id: z.uuid(), name: z.string(), archived: z.boolean(), org: z.object({ slug: z.string(), name: z.string() }) });

export const ProcessingActivity = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    name: z.string(),
    purposes: z.string().openapi({ description: 'Ändamål' }),
    legalBasis: z.enum(LEGAL_BASES).nullable().openapi({ description: 'Rättslig grund, art. 6.1 a–f; null = inte angiven' }),
    legalBasisNote: z.string().openapi({ description: 'Om den rättsliga grunden (lagrum, t.ex. SoL, SFB)' }),
    dataSubjects: z.array(z.string()).openapi({ description: 'Kategorier av registrerade' }),
    personalData: z.array(z.string()).openapi({ description: 'Kategorier av personuppgifter' }),
    specialCategories: z.boolean().openapi({ description: 'Känsliga personuppgifter (art. 9)' }),
    specialCategoriesNote: z.string().openapi({ description: 'Vilka känsliga personuppgifter' }),
    recipients: z.string().openapi({ description: 'Mottagare' }),
    thirdCountryTransfer: z.boolean(),
    thirdCountries: z.string(),
    transferTool: z.enum(TRANSFER_TOOLS).nullable(),
    tiaDone: z.boolean().openapi({ description: 'Transfer Impact Assessment gjord' }),
    retention: z.string().openapi({ description: 'Gallringsfrister' }),
    securityMeasures: z.string().openapi({ description: 'Tekniska och organisatoriska säkerhetsåtgärder' }),
    pubAgreement: z.enum(PUB_AGREEMENTS).openapi({ description: 'PUB-avtal med personuppgiftsbiträdet' }),
    responsible: z.string().openapi({ description: 'Ansvarig' }),
    status: z.enum(PRIVACY_STATUSES),
    approvedAt: z.string().nullable(),
    approvedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    dpiaCriteria: z.array(z.enum(DPIA_CRITERIA)),
    /** Two or more criteria ticked. */
    dpiaLikely: z.boolean().openapi({ description: 'Två eller fler kriterier: konsekvensbedömning (DPIA) krävs troligen' }),
    dpia: z.enum(DPIA_STATES),
    dpiaDate: z.string().nullable(),
    dpiaReason: z.string().openapi({ description: 'Varför en konsekvensbedömning inte behövs' }),
    /** DPIA likely required, and neither done nor judged not needed. */
    dpiaMissing: z.boolean(),
    /** The systems used, among the objects the caller may read. */
    objects: z.array(LinkedObject),
    archived: z.boolean(),
    version: int4(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ProcessingActivity');
export type ProcessingActivity = z.infer<typeof ProcessingActivity>;

const editable = {
  purposes: Text(4000).optional(),
  legalBasis: z.enum(LEGAL_BASES).nullable().optional(),
  legalBasisNote: Text(2000).optional(),
  dataSubjects: List.optional(),
  personalData: List.optional(),
  specialCategories: z.boolean().optional(),
  specialCategoriesNote: Text(2000).optional(),
  recipients: Text(4000).optional(),
  thirdCountryTransfer: z.boolean().optional(),
  thirdCountries: Text(400).optional(),
  transferTool: z.enum(TRANSFER_TOOLS).nullable().optional(),
  tiaDone: z.boolean().optional(),
  retention: Text(4000).optional(),
  securityMeasures: Text(4000).optional(),
  pubAgreement: z.enum(PUB_AGREEMENTS).optional(),
  responsible: Text(200).optional(),
  dpiaCriteria: z.array(z.enum(DPIA_CRITERIA)).max(DPIA_CRITERIA.length).optional(),
  dpia: z.enum(DPIA_STATES).optional(),
  dpiaDate: IsoDate.nullable().optional(),
  dpiaReason: Text(2000).optional(),
  objectIds: z.array(z.uuid()).max(100).optional().openapi({ description: 'Digitala objekt (system) som används; bara objekt du får läsa' }),
  status: z.enum(['utkast', 'granskas']).optional().openapi({ description: 'utkast eller granskas (skicka till dataskyddsombudet); godkänns med /approve' }),
};

export const CreateProcessingActivity = z
  .strictObject({
    org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn)' }),
    name: Text(200).min(1),
    ...editable,
  })
  .openapi('CreateProcessingActivity');
export type CreateProcessingActivity = z.infer<typeof CreateProcessingActivity>;

export const UpdateProcessingActivity = z
  .strictObject({
    version: int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' }),
    name: Text(200).min(1).optional(),
    ...editable,
    archived: z.boolean().optional().openapi({ description: 'Arkivera (true) eller återställ (false); behandlingar tas aldrig bort' }),
  })
  .openapi('UpdateProcessingActivity');
export type UpdateProcessingActivity = z.infer<typeof UpdateProcessingActivity>;

export const ApproveProcessingActivity = z.strictObject({ version: int4().min(1) }).openapi('ApproveProcessingActivity');

const Flag = z.enum(['true', 'false']);
export const PrivacyQuery = z.object({
  org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn); underorganisationer ingår' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Del av namnet' }),
  status: z.enum(PRIVACY_STATUSES).optional(),
  thirdCountry: Flag.optional(),
  specialCategories: Flag.optional(),
  dpiaMissing: Flag.optional().openapi({ description: 'true: bara behandlingar där DPIA troligen krävs men inte är gjord' }),
  archived: z.enum(['false', 'true', 'all']).optional().openapi({ description: 'false (standard): aktiva; true: arkiverade; all: alla' }),
});
export type PrivacyQuery = z.infer<typeof PrivacyQuery>;

/**
 * Kamerabevakning (kamerabevakningslagen as of 2025-04-01): per organisation a register of the sites it surveils,
 * running or ended in the last five years, each with its documented intresseavvägning (the balancing of the
 * surveillance interest against the individual's interest in not being watched). A site is planned while it has no
 * start date, running from its start date until its end date, and ended after it.
 */
export const CAMERA_RULES_FROM = '2025-04-01';
/** planerad: no start date yet; pagar: started, not ended; avslutad: ended. Derived from the dates, never stored. */
export const CAMERA_STATES = ['planerad', 'pagar', 'avslutad'] as const;
export type CameraState = (typeof CAMERA_STATES)[number];

export const CameraSite = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    name: z.string().openapi({ description: 'Plats (t.ex. Entrén till förvaltningshuset)' }),
    location: z.string().openapi({ description: 'Adress eller beskrivning av platsen' }),
    purpose: z.string().openapi({ description: 'Ändamål med bevakningen' }),
    area: z.string().openapi({ description: 'Bevakat område' }),
    cameras: int4().openapi({ description: 'Antal kameror' }),
    sound: z.boolean().openapi({ description: 'Ljud tas upp' }),
    storageDays: int4().openapi({ description: 'Lagringstid i dagar' }),
    startedOn: z.string().nullable().openapi({ description: 'Bevakningen startade; null = planerad' }),
    endedOn: z.string().nullable().openapi({ description: 'Bevakningen upphörde; null = pågår' }),
    state: z.enum(CAMERA_STATES),
    balancing: z.string().openapi({ description: 'Intresseavvägningen (dokumenterad)' }),
    balancingDate: z.string().nullable(),
    balancingBy: z.string().openapi({ description: 'Vem som gjorde intresseavvägningen' }),
    /** Started on or after 2025-04-01 (the intresseavvägning is required), or neither text nor date given. */
    balancingMissing: z.boolean(),
    signs: z.boolean().openapi({ description: 'Skyltning (upplysning om kamerabevakning) finns' }),
    activity: z.object({ id: z.uuid(), name: z.string(), archived: z.boolean() }).nullable().openapi({ description: 'Behandlingen i registerförteckningen' }),
    archived: z.boolean(),
    version: int4(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CameraSite');
export type CameraSite = z.infer<typeof CameraSite>;

const cameraEditable = {
  location: Text(400).optional(),
  purpose: Text(4000).optional(),
  area: Text(2000).optional(),
  cameras: int4().min(0).max(10_000).optional(),
  sound: z.boolean().optional(),
  storageDays: int4().optional().openapi({ description: 'Lagringstid i dagar, större än 0' }),
  startedOn: IsoDate.nullable().optional(),
  endedOn: IsoDate.nullable().optional(),
  balancing: Text(8000).optional(),
  balancingDate: IsoDate.nullable().optional(),
  balancingBy: Text(200).optional(),
  signs: z.boolean().optional(),
  activityId: z.uuid().nullable().optional().openapi({ description: 'Behandling i registerförteckningen (samma organisationsträd)' }),
};

export const CreateCameraSite = z
  .strictObject({ org: z.string().min(1).max(64), name: Text(200).min(1), ...cameraEditable })
  .openapi('CreateCameraSite');
export type CreateCameraSite = z.infer<typeof CreateCameraSite>;

export const UpdateCameraSite = z
  .strictObject({
    version: int4().min(1),
    name: Text(200).min(1).optional(),
    ...cameraEditable,
    archived: z.boolean().optional().openapi({ description: 'Arkivera (true) eller återställ (false); platser tas aldrig bort' }),
  })
  .openapi('UpdateCameraSite');
export type UpdateCameraSite = z.infer<typeof UpdateCameraSite>;

export const CameraQuery = z.object({
  org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn); underorganisationer ingår' }),
  period: z.enum(['register', 'all']).optional()
    .openapi({ description: 'register (standard): planerade, pågående och de som upphört de senaste fem åren; all: även äldre' }),
  asOf: IsoDate.optional().openapi({ description: 'Dagen de fem åren räknas bakåt från (standard: i dag)' }),
  archived: z.enum(['false', 'true', 'all']).optional(),
});
export type CameraQuery = z.infer<typeof CameraQuery>;
