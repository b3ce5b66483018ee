import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
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
