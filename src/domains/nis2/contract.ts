import { z } from '@hono/zod-openapi';
import { int4, IsoDate } from '../../server/platform/schema';

/**
 * Cybersäkerhetslagen (NIS2): whether an organisation is in scope, and its yearly assessment of the security
 * measures of article 21(2) (a)–(j), the supply chain (d), the management's training and approval (article 20).
 */

/** The measure areas of article 21(2), by the article's letters. */
export const AREAS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
export type AreaKey = (typeof AREAS)[number];

/** The areas' names, Swedish and English (the web app has the same in i18n nis2.json). */
export const AREA_NAMES: Record<AreaKey, { sv: string; en: string }> = {
  a: { sv: 'Riskanalys och säkerhetspolicyer för informationssystem', en: 'Risk analysis and information system security policies' },
  b: { sv: 'Incidenthantering', en: 'Incident handling' },
  c: { sv: 'Kontinuitet: säkerhetskopiering, återställning efter katastrof och krishantering', en: 'Business continuity: backups, disaster recovery and crisis management' },
  d: { sv: 'Säkerhet i leveranskedjan', en: 'Supply chain security' },
  e: { sv: 'Säkerhet vid anskaffning, utveckling och underhåll av system, inklusive sårbarhetshantering', en: 'Security in acquisition, development and maintenance of systems, including vulnerability handling' },
  f: { sv: 'Bedömning av säkerhetsåtgärdernas effektivitet', en: 'Assessing the effectiveness of the security measures' },
  g: { sv: 'Grundläggande cyberhygien och utbildning i cybersäkerhet', en: 'Basic cyber hygiene and cybersecurity training' },
  h: { sv: 'Kryptografi och kryptering', en: 'Cryptography and encryption' },
  i: { sv: 'Personalsäkerhet, åtkomstkontroll och hantering av tillgångar', en: 'Human resources security, access control and asset management' },
  j: { sv: 'Multifaktorautentisering och säkrad kommunikation', en: 'Multi-factor authentication and secured communications' },
};

/** ej_paborjad (not started), delvis (partly in place), genomford (in place), ej_tillamplig (not applicable: a reason is required). */
export const AREA_STATUSES = ['ej_paborjad', 'delvis', 'genomford', 'ej_tillamplig'] as const;
export type AreaStatus = (typeof AREA_STATUSES)[number];
/** The day cybersäkerhetslagen (SFS 2025:1506) came into force: from it, an organisation in scope must be registered. */
export const CSL_IN_FORCE = '2026-01-15';

/** Väsentlig or viktig entitet (cybersäkerhetslagen). */
export const ENTITY_TYPES = ['vasentlig', 'viktig'] as const;

const Text = (max: number) => z.string().trim().max(max);
const OrgRef = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });
const Version = int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' });

export const Nis2Scope = z
  .object({
    org: OrgRef,
    inScope: z.boolean().openapi({ description: 'Omfattas av cybersäkerhetslagen' }),
    entityType: z.enum(ENTITY_TYPES).nullable().openapi({ description: 'Väsentlig eller viktig entitet' }),
    sector: z.string().openapi({ description: 'Sektor, t.ex. hälso- och sjukvård' }),
    note: z.string(),
    registeredOn: IsoDate.nullable().openapi({ description: 'Dag för anmälan till tillsynsmyndighetens register (cybersäkerhetslagen)' }),
    registrationReference: z.string().openapi({ description: 'Anmälans diarienummer eller referens' }),
    /** 0 while nothing is recorded for the organisation. */
    version: int4(),
  })
  .openapi('Nis2Scope');
export type Nis2Scope = z.infer<typeof Nis2Scope>;

export const PutNis2Scope = z
  .strictObject({
    org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn)' }),
    version: int4().min(0).openapi({ description: 'Version du ändrar; 0 när inget är registrerat' }),
    inScope: z.boolean(),
    entityType: z.enum(ENTITY_TYPES).nullable().optional(),
    sector: Text(200).optional(),
    note: Text(2000).optional(),
    registeredOn: IsoDate.nullable().optional(),
    registrationReference: Text(200).optional(),
  })
  .openapi('PutNis2Scope');
export type PutNis2Scope = z.infer<typeof PutNis2Scope>;

export const Nis2Area = z
  .object({
    id: z.uuid(),
    area: z.enum(AREAS),
    name_sv: z.string(),
    name_en: z.string(),
    status: z.enum(AREA_STATUSES),
    reason: z.string().openapi({ description: 'Skäl (krävs för ej tillämplig; förklarar ett ej påbörjat område)' }),
    description: z.string().openapi({ description: 'Vad som finns på plats' }),
    gaps: z.string().openapi({ description: 'Brister' }),
    measure: z.string().openapi({ description: 'Planerad åtgärd' }),
    measureOwner: z.string().openapi({ description: 'Ansvarig för åtgärden' }),
    dueDate: z.string().nullable().openapi({ description: 'Klart senast' }),
    evidence: z.string().openapi({ description: 'Underlag: länkar eller hänvisningar' }),
    version: int4(),
  })
  .openapi('Nis2Area');
export type Nis2Area = z.infer<typeof Nis2Area>;

export const UpdateNis2Area = z
  .strictObject({
    version: Version,
    status: z.enum(AREA_STATUSES).optional(),
    reason: Text(2000).optional(),
    description: Text(4000).optional(),
    gaps: Text(4000).optional(),
    measure: Text(2000).optional(),
    measureOwner: Text(200).optional(),
    dueDate: IsoDate.nullable().optional(),
    evidence: Text(4000).optional(),
  })
  .openapi('UpdateNis2Area');
export type UpdateNis2Area = z.infer<typeof UpdateNis2Area>;

export const Nis2Supplier = z
  .object({
    id: z.uuid(),
    supplier: z.string(),
    service: z.string(),
    subSuppliers: z.string().openapi({ description: 'Underleverantörer, även utan avtal (indirekta risker)' }),
    contract: z.boolean().openapi({ description: 'Avtal finns' }),
    assessed: z.boolean().openapi({ description: 'Leverantören är riskbedömd' }),
    version: int4(),
  })
  .openapi('Nis2Supplier');
export type Nis2Supplier = z.infer<typeof Nis2Supplier>;

const supplierFields = {
  service: Text(400).optional(),
  subSuppliers: Text(2000).optional(),
  contract: z.boolean().optional(),
  assessed: z.boolean().optional(),
};
export const CreateNis2Supplier = z.strictObject({ supplier: Text(200).min(1), ...supplierFields }).openapi('CreateNis2Supplier');
export type CreateNis2Supplier = z.infer<typeof CreateNis2Supplier>;
export const UpdateNis2Supplier = z
  .strictObject({ version: Version, supplier: Text(200).min(1).optional(), ...supplierFields })
  .openapi('UpdateNis2Supplier');
export type UpdateNis2Supplier = z.infer<typeof UpdateNis2Supplier>;

export const Nis2Training = z
  .object({ id: z.uuid(), name: z.string().openapi({ description: 'Ledamot i förvaltningsledningen' }), date: z.string(), version: int4() })
  .openapi('Nis2Training');
export type Nis2Training = z.infer<typeof Nis2Training>;
export const CreateNis2Training = z.strictObject({ name: Text(200).min(1), date: IsoDate }).openapi('CreateNis2Training');
export type CreateNis2Training = z.infer<typeof CreateNis2Training>;

export const Nis2Counts = z.object({ genomford: int4(), delvis: int4(), ej_paborjad: int4(), ej_tillamplig: int4() });

export const Nis2Assessment = z
  .object({
    id: z.uuid(),
    org: OrgRef,
    year: int4(),
    carriedFrom: int4().nullable().openapi({ description: 'Året vars bedömning var utgångspunkt (statusar och beskrivningar kopierades)' }),
    areas: z.array(Nis2Area),
    suppliers: z.array(Nis2Supplier),
    training: z.array(Nis2Training),
    counts: Nis2Counts,
    /** Areas that stop the approval: ej påbörjade without a reason. */
    blocking: z.array(z.enum(AREAS)),
    approved: z.object({ at: z.string(), by: z.string() }).nullable().openapi({ description: 'Godkänd av ledningen: när och av vem' }),
    version: int4(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Nis2Assessment');
export type Nis2Assessment = z.infer<typeof Nis2Assessment>;

export const CreateNis2Assessment = z
  .strictObject({
    org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn)' }),
    year: int4().openapi({ description: 'Bedömningsår; förra årets statusar och beskrivningar blir utgångspunkt' }),
  })
  .openapi('CreateNis2Assessment');
export type CreateNis2Assessment = z.infer<typeof CreateNis2Assessment>;

export const Nis2Query = z.object({ org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn)' }) });

export const Nis2OverviewQuery = Nis2Query.extend({
  year: z.coerce.number().pipe(int4().min(2000).max(2100)).openapi({ description: 'År (bedömningens år)' }),
});
export type Nis2OverviewQuery = z.infer<typeof Nis2OverviewQuery>;

/** One organisation under the one asked for: its scope, anmälan and the year's assessment in brief. */
export const Nis2OverviewRow = z
  .object({
    org: OrgRef,
    inScope: z.boolean(),
    entityType: z.enum(ENTITY_TYPES).nullable(),
    registeredOn: IsoDate.nullable(),
    assessment: z
      .object({
        id: z.uuid(),
        counts: z.record(z.enum(AREA_STATUSES), z.number()),
        /** Areas not started without a reason: they stop the approval. */
        blocking: z.number(),
        approvedOn: IsoDate.nullable(),
      })
      .nullable(),
  })
  .openapi('Nis2OverviewRow');
export type Nis2OverviewRow = z.infer<typeof Nis2OverviewRow>;
