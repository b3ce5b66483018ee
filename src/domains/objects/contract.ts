import { z } from '@hono/zod-openapi';
import { int4, IsoDate } from '../../server/platform/schema';

/**
 * The objektlista (Pm3) and information classification (KLASSA). Field names are English except the users' own
 * KLASSA words: normerande and lokal classification and the four aspects.
 */

/** Status of a classification: saknas (not done), pagar (in progress), klar (done, dated), ej_aktuell (not applicable). */
export const CLASSIFICATION_STATUSES = ['saknas', 'pagar', 'klar', 'ej_aktuell'] as const;
export type ClassificationStatus = (typeof CLASSIFICATION_STATUSES)[number];
/** Central (the city's objektförvaltning) or lokal (the förvaltning's own). */
export const MANAGEMENTS = ['central', 'lokal'] as const;
export const PUB_AGREEMENTS = ['ja', 'nej', 'ej_tillampligt'] as const;
/** KLASSA's aspects, in KLASSA's order (K, R, T, S). */
export const ASPECTS = ['konfidentialitet', 'riktighet', 'tillganglighet', 'sparbarhet'] as const;
export type Aspect = (typeof ASPECTS)[number];
/** Level 0–4; 4 (synnerligen allvarlig skada) is säkerhetsskydd, outside KLASSA's action plan. */
export const LEVELS = [0, 1, 2, 3, 4] as const;
export const SECURITY_PROTECTION_LEVEL = 4;

const Text = (max: number) => z.string().trim().max(max);
const Level = int4().min(0).max(4).nullable().openapi({ description: '0 Ingen eller försumbar skada … 4 Synnerligen allvarlig skada (säkerhetsskydd); null = inte bedömd' });
const Status = z.enum(CLASSIFICATION_STATUSES);

export const DigitalObject = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    name: z.string(),
    description: z.string(),
    management: z.enum(MANAGEMENTS),
    owner: z.string().openapi({ description: 'Objektägare' }),
    manager: z.string().openapi({ description: 'Objektledare' }),
    specialist: z.string().openapi({ description: 'Objektspecialist' }),
    supplier: z.string().openapi({ description: 'Leverantör (och underleverantörer)' }),
    nis: z.boolean().openapi({ description: 'Omfattas av cybersäkerhetslagen (NIS)' }),
    pubAgreement: z.enum(PUB_AGREEMENTS).openapi({ description: 'Personuppgiftsbiträdesavtal' }),
    thirdCountryTransfer: z.boolean(),
    thirdCountryNote: z.string(),
    aiFunctions: z.boolean().openapi({ description: 'AI-funktioner påslagna (t.ex. genom en uppgradering)' }),
    aiNote: z.string(),
    managementPlan: z.boolean().openapi({ description: 'Förvaltningsplan finns' }),
    continuityPlan: z.boolean().openapi({ description: 'Kontinuitetsplan finns' }),
    normerandeStatus: Status,
    normerandeDate: z.string().nullable(),
    lokalStatus: Status,
    lokalDate: z.string().nullable().openapi({ description: 'Dagen den lokala klassningen blev klar' }),
    konfidentialitet: Level,
    riktighet: Level,
    tillganglighet: Level,
    sparbarhet: Level,
    /** Some aspect at level 4: säkerhetsskydd, a separate security-protection analysis is needed. */
    securityProtection: z.boolean(),
    nextReclassification: z.string().nullable().openapi({ description: 'Nästa omklassning: lokal klassning + 1 år' }),
    reclassificationOverdue: z.boolean().openapi({ description: 'Nästa omklassning har passerats (Europe/Stockholm)' }),
    followUp: z.object({
      year: int4().openapi({ description: 'Innevarande år (Europe/Stockholm)' }),
      done: z.boolean().openapi({ description: 'Årets objektuppföljning är registrerad' }),
      deviationsRemaining: z.boolean().openapi({ description: 'Den senaste uppföljningens behörighetsgenomgång: avvikelser kvarstår' }),
    }).openapi({ description: 'Årlig objektuppföljning med behörighetsgenomgång' }),
    archived: z.boolean(),
    version: int4(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('DigitalObject');
export type DigitalObject = z.infer<typeof DigitalObject>;

const editable = {
  description: Text(4000).optional(),
  management: z.enum(MANAGEMENTS).optional(),
  owner: Text(200).optional(),
  manager: Text(200).optional(),
  specialist: Text(200).optional(),
  supplier: Text(400).optional(),
  nis: z.boolean().optional(),
  pubAgreement: z.enum(PUB_AGREEMENTS).optional(),
  thirdCountryTransfer: z.boolean().optional(),
  thirdCountryNote: Text(2000).optional(),
  aiFunctions: z.boolean().optional(),
  aiNote: Text(2000).optional(),
  managementPlan: z.boolean().optional(),
  continuityPlan: z.boolean().optional(),
  normerandeStatus: Status.optional(),
  normerandeDate: IsoDate.nullable().optional(),
  lokalStatus: Status.optional(),
  lokalDate: IsoDate.nullable().optional(),
  konfidentialitet: Level.optional(),
  riktighet: Level.optional(),
  tillganglighet: Level.optional(),
  sparbarhet: Level.optional(),
};

export const CreateDigitalObject = z
  .strictObject({
    org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn)' }),
    name: Text(200).min(1),
    ...editable,
  })
  .openapi('CreateDigitalObject');
export type CreateDigitalObject = z.infer<typeof CreateDigitalObject>;

export const UpdateDigitalObject = z
  .strictObject({
    version: int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' }),
    name: Text(200).min(1).optional(),
    ...editable,
    archived: z.boolean().optional().openapi({ description: 'Arkivera (true) eller återställ (false); objekt tas aldrig bort' }),
  })
  .openapi('UpdateDigitalObject');
export type UpdateDigitalObject = z.infer<typeof UpdateDigitalObject>;

const Flag = z.enum(['true', 'false']);
export const ObjectQuery = z.object({
  org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn); underorganisationer ingår' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Del av namnet' }),
  lokalStatus: Status.optional(),
  normerandeStatus: Status.optional(),
  nis: Flag.optional(),
  overdue: Flag.optional().openapi({ description: 'true: bara objekt vars omklassning är försenad' }),
  followUp: z.enum(['missing', 'done', 'deviations']).optional()
    .openapi({ description: 'missing: årets objektuppföljning saknas; done: den är gjord; deviations: senaste uppföljningen har avvikelser som kvarstår' }),
  archived: z.enum(['false', 'true', 'all']).optional().openapi({ description: 'false (standard): aktiva; true: arkiverade; all: alla' }),
});
export type ObjectQuery = z.infer<typeof ObjectQuery>;
