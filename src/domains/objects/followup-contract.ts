import { z } from '@hono/zod-openapi';
import { int4, IsoDate, YearField } from '../../server/platform/schema';

/**
 * The yearly object follow-up (objektuppföljning) with access review (behörighetsgenomgång): one per object and year.
 * Each check is answered ja / nej / ej aktuellt with a comment.
 */

export const CHECK_ANSWERS = ['ja', 'nej', 'ej_aktuellt'] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];
/** The access review's result: no deviations, deviations corrected, deviations remaining. */
export const ACCESS_RESULTS = ['inga_avvikelser', 'avvikelser_atgardade', 'avvikelser_kvarstar'] as const;
export type AccessResult = (typeof ACCESS_RESULTS)[number];
export const HELD_BY_ROLES = ['objektagare', 'objektledare'] as const;
/** The checks besides the access review, in the form's order. */
export const FOLLOW_UP_CHECKS = ['managementPlan', 'classification', 'actionPlan', 'continuityPlan', 'pubSupplier'] as const;
export type FollowUpCheck = (typeof FOLLOW_UP_CHECKS)[number];

const Text = (max: number) => z.string().trim().max(max);
const Answer = z.enum(CHECK_ANSWERS);
const Result = z.enum(ACCESS_RESULTS).nullable();

export const ObjectFollowUp = z
  .object({
    id: z.uuid(),
    objectId: z.uuid(),
    year: int4(),
    heldOn: z.string().openapi({ description: 'Dagen uppföljningen hölls' }),
    heldBy: z.string().openapi({ description: 'Vem som höll uppföljningen (namn)' }),
    heldByRole: z.enum(HELD_BY_ROLES),
    accessReview: Answer.openapi({ description: 'Behörighetsgenomgång genomförd' }),
    accessResult: Result.openapi({ description: 'Behörighetsgenomgångens resultat (när den är genomförd)' }),
    accountsChanged: int4().nullable().openapi({ description: 'Antal konton som tagits bort eller ändrats' }),
    accessReviewComment: z.string(),
    managementPlan: Answer.openapi({ description: 'Förvaltningsplan uppdaterad' }),
    managementPlanComment: z.string(),
    classification: Answer.openapi({ description: 'Informationsklassningen är aktuell' }),
    classificationComment: z.string(),
    actionPlan: Answer.openapi({ description: 'Handlingsplanen från klassningen är omhändertagen' }),
    actionPlanComment: z.string(),
    continuityPlan: Answer.openapi({ description: 'Kontinuitetsplan finns och är övad' }),
    continuityPlanComment: z.string(),
    pubSupplier: Answer.openapi({ description: 'PUB-avtal och leverantör kontrollerade' }),
    pubSupplierComment: z.string(),
    notes: z.string(),
    actions: z.string().openapi({ description: 'Åtgärder som uppföljningen ledde till' }),
    version: int4(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ObjectFollowUp');
export type ObjectFollowUp = z.infer<typeof ObjectFollowUp>;

const editable = {
  heldByRole: z.enum(HELD_BY_ROLES).optional(),
  accessReview: Answer.optional(),
  accessResult: Result.optional(),
  accountsChanged: int4().min(0).max(1_000_000).nullable().optional(),
  accessReviewComment: Text(2000).optional(),
  managementPlan: Answer.optional(),
  managementPlanComment: Text(2000).optional(),
  classification: Answer.optional(),
  classificationComment: Text(2000).optional(),
  actionPlan: Answer.optional(),
  actionPlanComment: Text(2000).optional(),
  continuityPlan: Answer.optional(),
  continuityPlanComment: Text(2000).optional(),
  pubSupplier: Answer.optional(),
  pubSupplierComment: Text(2000).optional(),
  notes: Text(4000).optional(),
  actions: Text(4000).optional(),
};

export const CreateObjectFollowUp = z
  .strictObject({
    year: YearField(),
    heldOn: IsoDate,
    heldBy: Text(200).min(1),
    ...editable,
  })
  .openapi('CreateObjectFollowUp');
export type CreateObjectFollowUp = z.infer<typeof CreateObjectFollowUp>;

/** The year stays: a follow-up of another year is a new one. */
export const UpdateObjectFollowUp = z
  .strictObject({
    version: int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' }),
    heldOn: IsoDate.optional(),
    heldBy: Text(200).min(1).optional(),
    ...editable,
  })
  .openapi('UpdateObjectFollowUp');
export type UpdateObjectFollowUp = z.infer<typeof UpdateObjectFollowUp>;
