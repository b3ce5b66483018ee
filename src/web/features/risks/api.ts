import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ContinuityPlan, Exercise, Rsa, ScaleList, Threshold, Vor, VorSummary } from './types';

export const scalesQuery = (org: string | null) => ({
  queryKey: ['risks', 'scales', org] as const,
  queryFn: () => api.get<ScaleList>('/risks/scales', { org: org! }),
  enabled: !!org,
  staleTime: 60_000,
});

export const thresholdQuery = (org: string | null) => ({
  queryKey: ['risks', 'threshold', org] as const,
  queryFn: () => api.get<Threshold>(`/risks/thresholds/${encodeURIComponent(org!)}`),
  enabled: !!org,
});

export const vorListQuery = (org: string | null) => ({
  queryKey: ['risks', 'vor-list', org] as const,
  queryFn: () => api.get<VorSummary[]>('/risks/vor', { org: org! }),
  enabled: !!org,
});

export const vorQuery = (id: string | null | undefined) => ({
  queryKey: ['risks', 'vor', id] as const,
  queryFn: () => api.get<Vor>(`/risks/vor/${id}`),
  enabled: !!id,
});

export const rsaListQuery = (org: string | null) => ({
  queryKey: ['risks', 'rsa', org] as const,
  queryFn: () => api.get<Rsa[]>('/risks/rsa', { org: org! }),
  enabled: !!org,
});

export const plansQuery = (org: string | null, archived: 'false' | 'true' | 'all' = 'false') => ({
  queryKey: ['risks', 'plans', org, archived] as const,
  queryFn: () => api.get<ContinuityPlan[]>('/risks/continuity-plans', { org: org!, archived }),
  enabled: !!org,
});

export const exercisesQuery = (org: string | null, archived: 'false' | 'true' | 'all' = 'false') => ({
  queryKey: ['risks', 'exercises', org, archived] as const,
  queryFn: () => api.get<Exercise[]>('/risks/exercises', { org: org!, archived }),
  enabled: !!org,
});

/** VoRs of exactly this organisation (the list covers its subtree). */
export function useOwnVors(org: { id: string; slug: string } | null) {
  const q = useQuery(vorListQuery(org?.slug ?? null));
  const own = useMemo(() => (q.data ?? []).filter((v) => v.orgId === org?.id).sort((a, b) => b.year - a.year), [q.data, org?.id]);
  return { ...q, own };
}

export const thisYear = () => Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date()));
