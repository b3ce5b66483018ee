import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { searchText } from './search';
import { api } from '../api/client';
import type { Org } from '../api/types';
import { useSession } from '../auth/session';

const STORAGE_KEY = 'tillit.org';

interface OrgSelection {
  /** The organisations the user may read (active ones, in tree order). */
  orgs: Org[];
  /** The organisation chosen in the header's switcher; features scope their lists to it. */
  selected: Org | null;
  selectedSlug: string | null;
  select: (slug: string) => void;
}

const OrgContext = createContext<OrgSelection | null>(null);

export const orgsQuery = (archived = false) => ({
  queryKey: ['orgs', { archived }] as const,
  queryFn: () => api.get<Org[]>('/orgs', { archived: archived ? 'true' : undefined }),
});

export function OrgProvider({ children }: { children: ReactNode }) {
  const { can } = useSession();
  const query = useQuery({ ...orgsQuery(false), enabled: can('org.read') });
  const [stored, setStored] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  const select = useCallback((slug: string) => {
    localStorage.setItem(STORAGE_KEY, slug);
    setStored(slug);
  }, []);
  const value = useMemo<OrgSelection>(() => {
    const orgs = query.data ?? [];
    const selected = orgs.find((o) => o.slug === stored) ?? orgs[0] ?? null;
    return { orgs, selected, selectedSlug: selected?.slug ?? null, select };
  }, [query.data, stored, select]);
  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

/** The organisation selected in the header (remembered in this browser). */
export function useSelectedOrg(): OrgSelection {
  const v = useContext(OrgContext);
  if (!v) throw new Error('useSelectedOrg outside OrgProvider');
  return v;
}

/**
 * An address that names an organisation (?org=slug, as the start page's links do when what they count lies in one)
 * chooses it in the header, when the user reads it; the name then leaves the address (replacing the entry), so a
 * reload, Back or a bookmark does not undo a later choice in the header.
 */
export function useOrgFromAddress(): void {
  const named = useRouterState({ select: (s) => searchText((s.location.search as Record<string, unknown>).org) });
  const navigate = useNavigate();
  const { orgs, select } = useSelectedOrg();
  const loaded = orgs.length > 0;
  useEffect(() => {
    if (named === undefined || !loaded) return;
    if (orgs.some((o) => o.slug === named)) select(named);
    void navigate({
      to: '.',
      replace: true,
      search: (prev: Record<string, unknown>) => {
        const { org: _named, ...rest } = prev;
        return rest;
      },
    });
  }, [named, loaded, orgs, select, navigate]);
}
