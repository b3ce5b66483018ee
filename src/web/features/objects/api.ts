import type { z } from 'zod';
import type * as C from '../../../domains/objects/contract';
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

export interface ObjectFilter {
  lokalStatus: string;
  normerandeStatus: string;
  nis: string;
  overdue: string;
  archived: string;
}

export const objectsQuery = (org: string | null, f: ObjectFilter) => ({
  queryKey: ['objects', org, f] as const,
  queryFn: () =>
    api.get<DigitalObject[]>('/objects', {
      org: org!, lokalStatus: f.lokalStatus || undefined, normerandeStatus: f.normerandeStatus || undefined, nis: f.nis || undefined,
      overdue: f.overdue || undefined, archived: f.archived || undefined,
    }),
  enabled: !!org,
});
