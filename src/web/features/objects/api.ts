import type { z } from 'zod';
import type * as C from '../../../domains/objects/contract';
import type * as F from '../../../domains/objects/followup-contract';
import { api } from '../../api/client';

export type DigitalObject = z.infer<typeof C.DigitalObject>;
export type CreateDigitalObject = z.input<typeof C.CreateDigitalObject>;
export type UpdateDigitalObject = z.input<typeof C.UpdateDigitalObject>;
export type ClassificationStatus = DigitalObject['normerandeStatus'];
export type Aspect = 'konfidentialitet' | 'riktighet' | 'tillganglighet' | 'sparbarhet';

// Kept here, not imported from the contract: the contract module pulls zod into the bundle.
export const STATUSES: ClassificationStatus[] = ['saknas', 'pagar', 'klar', 'ej_aktuell'];
export const ASPECTS: Aspect[] = ['konfidentialitet', 'riktighet', 'tillganglighet', 'sparbarhet'];
export const PUB: DigitalObject['pubAgreement'][] = ['ja', 'nej', 'ej_tillampligt'];
export const MANAGEMENTS: DigitalObject['management'][] = ['lokal', 'central'];

export type ObjectFollowUp = z.infer<typeof F.ObjectFollowUp>;
export type CheckAnswer = ObjectFollowUp['accessReview'];
export type AccessResult = NonNullable<ObjectFollowUp['accessResult']>;
export const ANSWERS: CheckAnswer[] = ['ja', 'nej', 'ej_aktuellt'];
export const ACCESS_RESULTS: AccessResult[] = ['inga_avvikelser', 'avvikelser_atgardade', 'avvikelser_kvarstar'];
export const HELD_BY_ROLES: ObjectFollowUp['heldByRole'][] = ['objektagare', 'objektledare'];
/** The checks besides the access review, in the form's order. */
export const CHECKS = ['managementPlan', 'classification', 'actionPlan', 'continuityPlan', 'pubSupplier'] as const;
export type FollowUpCheck = (typeof CHECKS)[number];

/** An object's yearly follow-ups, newest year first. */
export const followUpsQuery = (objectId: string) => ({
  queryKey: ['objects', 'follow-ups', objectId] as const,
  queryFn: () => api.get<ObjectFollowUp[]>(`/objects/${objectId}/follow-ups`),
});

export interface ObjectFilter {
  lokalStatus: string;
  normerandeStatus: string;
  nis: string;
  overdue: string;
  /** '', 'missing' (this year's follow-up), 'done' or 'deviations' (the latest follow-up's access review). */
  followUp: string;
  archived: string;
}

export const objectsQuery = (org: string | null, f: ObjectFilter) => ({
  queryKey: ['objects', org, f] as const,
  queryFn: () =>
    api.get<DigitalObject[]>('/objects', {
      org: org!, lokalStatus: f.lokalStatus || undefined, normerandeStatus: f.normerandeStatus || undefined, nis: f.nis || undefined,
      overdue: f.overdue || undefined, followUp: f.followUp || undefined, archived: f.archived || undefined,
    }),
  enabled: !!org,
});
