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
  /** Named by the server as able to read every incident the choice is for (GET /incidents/handlers). */
  namedByServer?: boolean;
}

/** What a handler/owner choice is for: the incidents' organisations (ids and slugs), and whether one is protected. */
export interface HandlerScope {
  orgIds: readonly string[];
  orgSlugs: readonly string[];
  protectedIdentity: boolean;
}

/**
 * The people who may be handler/owner of incidents of `scope`, and what the browser knows of them: those the server
 * names as able to read all of them (a role on their organisations or above, or in a samverkansgrupp: the förvaltning's
 * ISAM, DSO and chef for a unit's incident; with a protected record among them, only those who read protected texts),
 * and, when no protected record is among them, the active users of `directoryOrg` with their roles when the caller may
 * read users (a unit's staff, for that unit's incidents) and oneself. `pathOf` gives an organisation's path by id.
 */
export function useHandlerDirectory(directoryOrg: string | null, scope?: HandlerScope): { people: Person[]; pathOf: (orgId: string) => string | undefined } {
  const { me, can } = useSession();
  const { orgs } = useSelectedOrg();
  const users = useQuery({
    queryKey: ['users', { org: directoryOrg }],
    queryFn: () => api.get<User[]>('/users', { org: directoryOrg ?? undefined }),
    enabled: can('user.read'),
    staleTime: 5 * 60_000,
  });
  const slugs = [...new Set(scope?.orgSlugs ?? [])].sort().join(',');
  const protectedOnly = !!scope?.protectedIdentity;
  const readers = useQuery({
    queryKey: ['incidents', 'handlers', slugs, protectedOnly],
    queryFn: () => api.get<{ id: string; name: string }[]>('/incidents/handlers', { org: slugs, protected: String(protectedOnly) }),
    enabled: slugs !== '' && can('incident.manage'),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const byId = new Map<string, Person>();
    if (!protectedOnly) {
      for (const u of users.data ?? []) if (u.active) byId.set(u.id, { id: u.id, name: u.name, roles: u.roles });
    }
    for (const r of readers.data ?? []) byId.set(r.id, { roles: [], ...byId.get(r.id), id: r.id, name: r.name, namedByServer: true });
    if (!protectedOnly && !byId.has(me.id)) byId.set(me.id, { id: me.id, name: me.name, roles: me.roles });
    const paths = new Map(orgs.map((o) => [o.id, o.path]));
    return { people: [...byId.values()], pathOf: (id: string) => paths.get(id) };
  }, [users.data, readers.data, me, orgs, protectedOnly]);
}

/**
 * The handler/owner choices for incidents of these organisations (ids): those the server named for them, and others
 * only when their roles let them read every one (the server refuses anyone else, domains/incidents/access.ts
 * checkUser). People whose reach the browser cannot tell (a samverkansgrupp role) stay in the list; the server decides.
 * Without `orgIds`: everyone who reads incidents somewhere.
 */
export function handlerOptions(dir: ReturnType<typeof useHandlerDirectory>, orgIds?: readonly string[], meId?: string): HandlerOption[] {
  const paths = orgIds ? [...new Set(orgIds)].map(dir.pathOf) : null;
  const list = dir.people
    .filter((p) => p.namedByServer || p.id === meId || (paths ? readsAll(p.roles, paths) !== 'no' : p.roles.some((r) => ROLE_PERMISSIONS[r.role].includes('incident.read'))))
    .map((p) => ({ value: p.id, label: p.name }));
  return list.sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}

/** Handler/owner choices for incidents of `scope`; see useHandlerDirectory and handlerOptions. */
export function useHandlerOptions(directoryOrg: string | null, scope: HandlerScope | undefined): HandlerOption[] {
  const { me } = useSession();
  const dir = useHandlerDirectory(directoryOrg, scope);
  const key = scope?.orgIds.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => handlerOptions(dir, scope?.orgIds, me.id), [dir, key, me.id]);
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
