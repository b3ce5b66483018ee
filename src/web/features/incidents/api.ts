import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type Problem } from '../../api/client';
import type { User } from '../../api/types';
import { useSession } from '../../auth/session';
import { ROLE_PERMISSIONS } from '../../../server/platform/permissions';
import type { CategoryTemplate, IncidentDetail } from './types';

export const categoriesQuery = (org: string | null) => ({
  queryKey: ['incidents', 'categories', org] as const,
  queryFn: () => api.get<CategoryTemplate[]>('/incidents/categories', { org: org! }),
  enabled: !!org,
  staleTime: 5 * 60_000,
});

export const incidentQuery = (id: string) => ({
  queryKey: ['incidents', 'one', id] as const,
  queryFn: () => api.get<IncidentDetail>(`/incidents/${id}`),
});

/** People who can be handler/owner: the org's users when the caller may read users, otherwise just oneself. */
export function useHandlerOptions(org: string | null): { value: string; label: string }[] {
  const { me, can } = useSession();
  const users = useQuery({
    queryKey: ['users', { org }],
    queryFn: () => api.get<User[]>('/users', { org: org ?? undefined }),
    enabled: can('user.read'),
    staleTime: 5 * 60_000,
  });
  // Only people whose roles let them read incidents (the server checks the incident's organisation too).
  const reads = (u: User) => u.roles.some((r) => ROLE_PERMISSIONS[r.role].includes('incident.read'));
  const list = (users.data ?? []).filter((u) => u.active && reads(u)).map((u) => ({ value: u.id, label: u.name }));
  if (!list.some((u) => u.value === me.id)) list.unshift({ value: me.id, label: me.name });
  return list.sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}

/**
 * A raw-body upload (attachments): the one API client speaks JSON only, so this sends the file with the
 * same conventions (session cookie, CSRF header) and turns a problem answer into ApiError.
 */
export async function uploadFile<T>(url: string, file: Blob, csrf: string, contentType = 'application/octet-stream'): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': contentType, 'X-CSRF-Token': csrf, Accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', detail_sv: 'Kunde inte nå servern.', detail_en: 'Could not reach the server.' });
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError({ ...((data ?? {}) as Partial<Problem>), status: res.status });
  return data as T;
}
