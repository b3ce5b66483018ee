import { z } from '@hono/zod-openapi';
import { int4, IsoDate, OrgNumber, orgNumberValid } from '../../server/platform/schema';

/**
 * The leverantörsregister: the förvaltning's suppliers with the services and systems they deliver, the PUB-avtal
 * (GDPR art. 28), third-country transfers (chapter V: transfer tool, TIA), an exit plan, the sub-suppliers
 * (underleverantörer, also those without a contract with the förvaltning: NIS2's indirect risk), the security
 * assessment (leverantörsbedömning) and the yearly follow-up. Field names are English; stored choices are Swedish.
 */

export const PUB_AGREEMENTS = ['ja', 'nej', 'ej_tillampligt'] as const;
/** Chapter V transfer tools: adequacy decision (art. 45), SCC (46.2 c), BCR (47), other (46, 49). */
export const TRANSFER_TOOLS = ['adekvansbeslut', 'scc', 'bcr', 'annat'] as const;
export const ASSESSMENT_RESULTS = ['godtagbar', 'brister', 'ej_godtagbar'] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];

const Text = (max: number) => z.string().trim().max(max);

/** The Luhn check (schema.ts, shared with the organisations' personuppgiftsansvarig), kept importable from here. */
export { orgNumberValid };

export const SubSupplier = z.strictObject({
  name: Text(200).min(1),
  service: Text(400).default(''),
  country: Text(100).default(''),
  withoutContract: z.boolean().default(false).openapi({ description: 'Utan avtal med förvaltningen (indirekt risk, NIS2)' }),
}).openapi('SubSupplier');
export type SubSupplier = z.infer<typeof SubSupplier>;

export const LinkedObject = z.object({ id: z.uuid(), name: z.string(), archived: z.boolean(), org: z.object({ slug: z.string(), name: z.string() }) });

export const Supplier = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    name: z.string(),
    orgNumber: z.string().nullable().openapi({ description: 'Organisationsnummer NNNNNN-NNNN' }),
    services: z.string().openapi({ description: 'Tjänster som levereras' }),
    contact: z.string().openapi({ description: 'Kontaktperson hos leverantören' }),
    processesPersonalData: z.boolean().openapi({ description: 'Behandlar personuppgifter för förvaltningens räkning' }),
    pubAgreement: z.enum(PUB_AGREEMENTS).openapi({ description: 'Personuppgiftsbiträdesavtal (art. 28)' }),
    pubSignedDate: z.string().nullable(),
    pubReviewDate: z.string().nullable().openapi({ description: 'Nästa översyn av PUB-avtalet' }),
    thirdCountryTransfer: z.boolean(),
    thirdCountries: z.string(),
    transferTool: z.enum(TRANSFER_TOOLS).nullable(),
    tiaDone: z.boolean().openapi({ description: 'Transfer Impact Assessment gjord' }),
    tiaDate: z.string().nullable(),
    exitPlan: z.boolean().openapi({ description: 'Exitplan finns' }),
    exitPlanNote: z.string(),
    subSuppliers: z.array(SubSupplier),
    assessmentDate: z.string().nullable().openapi({ description: 'Senaste leverantörsbedömning' }),
    assessmentResult: z.enum(ASSESSMENT_RESULTS).nullable(),
    assessmentNote: z.string(),
    followUpDate: z.string().nullable().openapi({ description: 'Planerad årlig uppföljning' }),
    /** No assessment in the last twelve months (as of today in Stockholm). */
    followUpOverdue: z.boolean().openapi({ description: 'Ingen leverantörsbedömning de senaste tolv månaderna' }),
    /** Processes personal data without a PUB-avtal 'ja'. */
    pubMissing: z.boolean().openapi({ description: 'Behandlar personuppgifter utan PUB-avtal' }),
    subSuppliersWithoutContract: int4().openapi({ description: 'Underleverantörer utan avtal med förvaltningen' }),
    /** The systems delivered, among the objects the caller may read. */
    objects: z.array(LinkedObject),
    archived: z.boolean(),
    version: int4(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Supplier');
export type Supplier = z.infer<typeof Supplier>;

const editable = {
  orgNumber: OrgNumber.nullable().optional(),
  services: Text(2000).optional(),
  contact: Text(400).optional(),
  processesPersonalData: z.boolean().optional(),
  pubAgreement: z.enum(PUB_AGREEMENTS).optional(),
  pubSignedDate: IsoDate.nullable().optional(),
  pubReviewDate: IsoDate.nullable().optional(),
  thirdCountryTransfer: z.boolean().optional(),
  thirdCountries: Text(400).optional(),
  transferTool: z.enum(TRANSFER_TOOLS).nullable().optional(),
  tiaDone: z.boolean().optional(),
  tiaDate: IsoDate.nullable().optional(),
  exitPlan: z.boolean().optional(),
  exitPlanNote: Text(2000).optional(),
  subSuppliers: z.array(SubSupplier).max(50).optional(),
  assessmentDate: IsoDate.nullable().optional(),
  assessmentResult: z.enum(ASSESSMENT_RESULTS).nullable().optional(),
  assessmentNote: Text(2000).optional(),
  followUpDate: IsoDate.nullable().optional(),
  objectIds: z.array(z.uuid()).max(100).optional().openapi({ description: 'Digitala objekt (system) som leverantören levererar; bara objekt du får läsa' }),
};

export const CreateSupplier = z
  .strictObject({
    org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn)' }),
    name: Text(200).min(1),
    ...editable,
  })
  .openapi('CreateSupplier');
export type CreateSupplier = z.input<typeof CreateSupplier>;

export const UpdateSupplier = z
  .strictObject({
    version: int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' }),
    name: Text(200).min(1).optional(),
    ...editable,
    archived: z.boolean().optional().openapi({ description: 'Arkivera (true) eller återställ (false); leverantörer tas aldrig bort' }),
  })
  .openapi('UpdateSupplier');
export type UpdateSupplier = z.input<typeof UpdateSupplier>;

const Flag = z.enum(['true', 'false']);
export const SupplierQuery = z.object({
  org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn); underorganisationer ingår' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Del av namnet' }),
  pubMissing: Flag.optional().openapi({ description: 'true: bara leverantörer som behandlar personuppgifter utan PUB-avtal' }),
  thirdCountry: Flag.optional(),
  followUpOverdue: Flag.optional().openapi({ description: 'true: bara leverantörer utan bedömning de senaste tolv månaderna' }),
  archived: z.enum(['false', 'true', 'all']).optional().openapi({ description: 'false (standard): aktiva; true: arkiverade; all: alla' }),
});
export type SupplierQuery = z.infer<typeof SupplierQuery>;
