import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type Problem } from '../../api/client';
import type { RoleAssignment, User } from '../../api/types';
import { useSession } from '../../auth/session';
import { useSelectedOrg } from '../../shell/org-context';
import { ROLE_PERMISSIONS } from '../../../server/platform/permissions';
import { readsAll } from './handlers';
import type { CategoryTemplate, IncidentDetail } from './types';

export const categoriesQuery = (org: string | null) => ({
  queryKey: ['incidents', 'categories', org] as const,
  queryFn: () => api.get<CategoryTemplate[]>('/incidents/categories', { org: org! }),
  enabled: !!org,
  staleTime: 5 * 60_000,
});

/** The categories to filter the list by: the organisation's list, then any other its incidents carry (an import's). */
export const categoryNamesQuery = (org: string | null) => ({
  queryKey: ['incidents', 'category-names', org] as const,
  queryFn: () => api.get<{ names: string[] }>('/incidents/category-names', { org: org! }),
  enabled: !!org,
  staleTime: 60_000,
});

export const incidentQuery = (id: string) => ({
  queryKey: ['incidents', 'one', id] as const,
  queryFn: () => api.get<IncidentDetail>(`/incidents/${id}`),
});

export interface HandlerOption {
  value: string;
  label: string;
}

interface Person {
  id: string;
  name: string;
  roles: RoleAssignment[];
  /** Reads every incident of the directory's organisation and below (a role there or above it, as the server says). */
  readsOrg?: boolean;
}

/**
 * The people who may be handler/owner and what the browser knows of them: those the server names as able to read the
 * organisation's incidents (a role on it or above it, or in a samverkansgrupp: the förvaltning's ISAM, DSO and chef
 * for a unit's incident), the organisation's own active users with their roles when the caller may read users (a
 * unit's staff, for that unit's incidents), and always oneself. `pathOf` gives an organisation's path by id (the
 * orgs the caller reads).
 */
export function useHandlerDirectory(org: string | null): { people: Person[]; pathOf: (orgId: string) => string | undefined } {
  const { me, can } = useSession();
  const { orgs } = useSelectedOrg();
  const users = useQuery({
    queryKey: ['users', { org }],
    queryFn: () => api.get<User[]>('/users', { org: org ?? undefined }),
    enabled: can('user.read'),
    staleTime: 5 * 60_000,
  });
  const readers = useQuery({
    queryKey: ['incidents', 'handlers', org],
    queryFn: () => api.get<{ id: string; name: string }[]>('/incidents/handlers', { org: org! }),
    enabled: !!org && can('incident.manage'),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const byId = new Map<string, Person>();
    for (const u of users.data ?? []) if (u.active) byId.set(u.id, { id: u.id, name: u.name, roles: u.roles });
    for (const r of readers.data ?? []) byId.set(r.id, { roles: [], ...byId.get(r.id), id: r.id, name: r.name, readsOrg: true });
    if (!byId.has(me.id)) byId.set(me.id, { id: me.id, name: me.name, roles: me.roles });
    const paths = new Map(orgs.map((o) => [o.id, o.path]));
    return { people: [...byId.values()], pathOf: (id: string) => paths.get(id) };
  }, [users.data, readers.data, me, orgs]);
}

/**
 * The handler/owner choices for incidents of these organisations (ids): only people whose roles let them read
 * every one of them (the server refuses anyone else, domains/incidents/access.ts checkUser). People whose reach
 * the browser cannot tell (a samverkansgrupp role) stay in the list; the server decides. Those the server named as
 * readers of the directory's organisation read all of these (its subtree's incidents). Without `orgIds`: everyone
 * who reads incidents somewhere.
 */
export function handlerOptions(dir: ReturnType<typeof useHandlerDirectory>, orgIds?: readonly string[], meId?: string): HandlerOption[] {
  const paths = orgIds ? [...new Set(orgIds)].map(dir.pathOf) : null;
  const list = dir.people
    .filter((p) => p.id === meId || p.readsOrg || (paths ? readsAll(p.roles, paths) !== 'no' : p.roles.some((r) => ROLE_PERMISSIONS[r.role].includes('incident.read'))))
    .map((p) => ({ value: p.id, label: p.name }));
  return list.sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}

/** Handler/owner choices for incidents of these organisations (ids); see handlerOptions. */
export function useHandlerOptions(org: string | null, orgIds?: readonly string[]): HandlerOption[] {
  const { me } = useSession();
  const dir = useHandlerDirectory(org);
  const key = orgIds?.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => handlerOptions(dir, orgIds, me.id), [dir, key, me.id]);
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
