import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import type { Me, Permission } from '../api/types';

/**
 * Who is signed in (GET /api/auth/session: null when nobody is, without a 401 in the browser's console); also picks up
 * the CSRF token so a reloaded page can still make changes.
 */
export async function fetchMe(): Promise<Me | null> {
  const { me } = await api.get<{ me: Me | null }>('/auth/session');
  setCsrfToken(me?.csrfToken ?? null);
  return me;
}

export async function login(queryClient: QueryClient, email: string, password: string) {
  const r = await api.post<{ csrfToken: string }>('/auth/login', { email, password });
  setCsrfToken(r.csrfToken);
  // Nothing cached for a previous user may survive a sign-in.
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  await queryClient.invalidateQueries({ queryKey: ['me'] });
}

export async function logout() {
  let next = '/';
  try {
    // Signed in through the organisation's provider: its logout comes next, and it sends the browser back here.
    const r = await api.post<{ endSessionUrl: string } | undefined>('/auth/logout');
    if (r?.endSessionUrl) next = r.endSessionUrl;
  } finally {
    setCsrfToken(null);
    // A full reload drops every cached record of the user who left.
    window.location.assign(next);
  }
}

interface Session {
  me: Me;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const value = useMemo<Session>(() => {
    const perms = new Set<string>(me.permissions);
    return { me, can: (p) => perms.has(p) };
  }, [me]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in user and a permission check (held anywhere in the org tree; the server checks the exact org). */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export function useRefreshMe() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['me'] });
}
