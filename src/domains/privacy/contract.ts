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
