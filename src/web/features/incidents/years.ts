import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { stockholmYear } from './util';

/**
 * The year filters' choices (the list's "År", Statistik's "År"): the years with incidents in the organisation's
 * subtree that the caller reads (GET /api/incidents/years, authorised as the list), this year, and `keep` (the year
 * already chosen, say from the address) so a chosen year is never shown blank. Newest first; this year alone until
 * the answer comes.
 */
export function useIncidentYears(org: string | null | undefined, keep?: string): string[] {
  const q = useQuery({
    queryKey: ['incidents', 'years', org ?? ''],
    queryFn: () => api.get<{ years: number[] }>('/incidents/years', { org: org ?? '' }),
    staleTime: 5 * 60_000,
  });
  return yearChoices(q.data?.years ?? [], stockholmYear(), keep);
}

/** The years as choices: those given, this year and `keep` (a four-digit year), newest first, each once. */
export function yearChoices(years: number[], thisYear: number, keep?: string): string[] {
  const all = new Set([thisYear, ...years, ...(keep && /^\d{4}$/.test(keep) ? [Number(keep)] : [])]);
  return [...all].sort((a, b) => b - a).map(String);
}
