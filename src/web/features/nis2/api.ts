import type { z } from 'zod';
import type * as C from '../../../domains/nis2/contract';
import { api } from '../../api/client';

export type Nis2Scope = z.infer<typeof C.Nis2Scope>;
export type Nis2Assessment = z.infer<typeof C.Nis2Assessment>;
export type Nis2Area = z.infer<typeof C.Nis2Area>;
export type Nis2Supplier = z.infer<typeof C.Nis2Supplier>;
export type AreaStatus = Nis2Area['status'];

// Kept here, not imported from the contract: the contract module pulls zod into the bundle.
/** The day cybersäkerhetslagen came into force (the contract's CSL_IN_FORCE). */
export const CSL_IN_FORCE = '2026-01-15';
export const STATUSES: AreaStatus[] = ['ej_paborjad', 'delvis', 'genomford', 'ej_tillamplig'];
export const ENTITY_TYPES = ['vasentlig', 'viktig'] as const;

export const scopeQuery = (org: string | null) => ({
  queryKey: ['nis2', 'scope', org] as const,
  queryFn: () => api.get<Nis2Scope>('/nis2/scope', { org: org! }),
  enabled: !!org,
});

export const assessmentsQuery = (org: string | null) => ({
  queryKey: ['nis2', 'assessments', org] as const,
  queryFn: () => api.get<Nis2Assessment[]>('/nis2/assessments', { org: org! }),
  enabled: !!org,
});

export type Nis2OverviewRow = z.infer<typeof C.Nis2OverviewRow>;

export const overviewQuery = (org: string | null, year: number) => ({
  queryKey: ['nis2', 'overview', org, year] as const,
  queryFn: () => api.get<Nis2OverviewRow[]>('/nis2/overview', { org: org!, year: String(year) }),
  enabled: !!org,
});
