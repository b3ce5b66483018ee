import type { z } from 'zod';
import type * as C from '../../../domains/plans/contract';
import { api } from '../../api/client';

export type PlanActivity = z.infer<typeof C.PlanActivity>;
export type CreatePlanActivity = z.input<typeof C.CreatePlanActivity>;
export type UpdatePlanActivity = z.input<typeof C.UpdatePlanActivity>;
export type PlanProgress = z.infer<typeof C.Progress>;
export type AreaList = z.infer<typeof C.AreaList>;
export type PlanStatus = PlanActivity['status'];
export type LinkType = PlanActivity['links'][number]['linkType'];

export const STATUSES: PlanStatus[] = ['planerad', 'pågår', 'klar', 'avbruten'];
export const UNFINISHED: PlanStatus[] = ['planerad', 'pågår'];
export const LINK_TYPES: LinkType[] = ['risk', 'incident', 'object', 'nis2'];

export interface PlanFilter {
  year: string;
  area: string;
  status: string;
}

export const areasQuery = (org: string | null) => ({
  queryKey: ['plan', 'areas', org] as const,
  queryFn: () => api.get<AreaList>('/plan/areas', { org: org! }),
  enabled: !!org,
  staleTime: 60_000,
});

export const activitiesQuery = (org: string | null, f: Partial<PlanFilter> = {}, subtree = true) => ({
  queryKey: ['plan', 'activities', org, f, subtree] as const,
  queryFn: () =>
    api.get<PlanActivity[]>('/plan/activities', { org: org!, year: f.year, area: f.area, status: f.status, subtree: subtree ? undefined : 'false' }),
  enabled: !!org,
});

export const progressQuery = (org: string | null, f: Partial<PlanFilter> = {}) => ({
  queryKey: ['plan', 'progress', org, f] as const,
  queryFn: () => api.get<PlanProgress[]>('/plan/progress', { org: org!, year: f.year, area: f.area }),
  enabled: !!org,
});
