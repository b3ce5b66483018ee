import type { z } from 'zod';
import type * as C from '../../../domains/privacy/contract';
import { api } from '../../api/client';

export type ProcessingActivity = z.infer<typeof C.ProcessingActivity>;
export type PrivacyStatus = ProcessingActivity['status'];
export type DpiaCriterion = ProcessingActivity['dpiaCriteria'][number];

// Kept here, not imported from the contract: the contract module pulls zod into the bundle.
export const STATUSES: PrivacyStatus[] = ['utkast', 'granskas', 'godkand'];
export const LEGAL_BASES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const TRANSFER_TOOLS = ['adekvansbeslut', 'scc', 'bcr', 'annat'] as const;
export const PUB = ['ja', 'nej', 'ej_tillampligt'] as const;
export const DPIA_STATES = ['ej_gjord', 'gjord', 'behovs_ej'] as const;
export const CRITERIA: DpiaCriterion[] = [
  'utvardering', 'automatiserade_beslut', 'systematisk_overvakning', 'kansliga_uppgifter', 'stor_omfattning',
  'samkorning', 'sarbara_registrerade', 'ny_teknik', 'hindrar_rattighet',
];
/** Two or more criteria: a DPIA is likely required (the server's rule, shown while ticking). */
export const DPIA_THRESHOLD = 2;

export interface PrivacyFilter {
  status: string;
  thirdCountry: string;
  specialCategories: string;
  dpiaMissing: string;
  archived: string;
}

export const activitiesQuery = (org: string | null, f: PrivacyFilter) => ({
  queryKey: ['privacy', org, f] as const,
  queryFn: () =>
    api.get<ProcessingActivity[]>('/privacy/activities', {
      org: org!, status: f.status || undefined, thirdCountry: f.thirdCountry || undefined, specialCategories: f.specialCategories || undefined,
      dpiaMissing: f.dpiaMissing || undefined, archived: f.archived || undefined,
    }),
  enabled: !!org,
});

export type CameraSite = z.infer<typeof C.CameraSite>;
export type CameraState = CameraSite['state'];

export interface CameraFilter {
  /** '' (the register: planned, running and ended in the last five years) or 'all'. */
  period: string;
  archived: string;
}

export const cameraSitesQuery = (org: string | null, f: CameraFilter) => ({
  queryKey: ['privacy', 'camera', org, f] as const,
  queryFn: () => api.get<CameraSite[]>('/privacy/camera-sites', { org: org!, period: f.period || undefined, archived: f.archived || undefined }),
  enabled: !!org,
});

/** The organisation's processing activities (and those of its subtree), to link a camera site to its behandling. */
export const activityChoicesQuery = (org: string) => ({
  queryKey: ['privacy', org, 'choices'] as const,
  queryFn: () => api.get<ProcessingActivity[]>('/privacy/activities', { org }),
});
