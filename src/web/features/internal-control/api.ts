import type { z } from 'zod';
import type * as C from '../../../domains/internal-control/contract';
import { api } from '../../api/client';

export type InternalControl = z.infer<typeof C.InternalControl>;
export type ControlPeriod = InternalControl['periods'][number];
export type ControlResult = z.infer<typeof C.ControlResult>;
export type IkpRisk = z.infer<typeof C.IkpRisk>;
export type ResultKind = ControlResult['result'];
export type Frequency = InternalControl['frequency'];

// Kept here, not imported from the contract: the contract module pulls zod into the bundle.
export const FREQUENCIES: Frequency[] = ['arlig', 'halvar', 'tertial', 'kvartal', 'manad'];
export const RESULTS: ResultKind[] = ['utan_avvikelse', 'avvikelse', 'vasentlig_avvikelse', 'ej_genomford'];

export interface ControlFilter { deviations: string; missing: string; archived: string }

export const controlsQuery = (org: string | null, year: number, f: ControlFilter) => ({
  queryKey: ['internal-control', 'controls', org, year, f] as const,
  queryFn: () => api.get<InternalControl[]>('/internal-control/controls', {
    org: org!, year: String(year), deviations: f.deviations || undefined, missing: f.missing || undefined, archived: f.archived || undefined,
  }),
  enabled: !!org,
});

export const risksQuery = (org: string | null, year: number) => ({
  queryKey: ['internal-control', 'risks', org, year] as const,
  queryFn: () => api.get<IkpRisk[]>('/internal-control/risks', { org: org!, year: String(year) }),
  enabled: !!org,
});
