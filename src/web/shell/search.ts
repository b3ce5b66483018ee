import { useNavigate, useRouterState } from '@tanstack/react-router';

/** The current location's query string: every value as text (router.tsx reads no JSON from an address). */
export function useSearchValues(): Record<string, unknown> {
  return useRouterState({ select: (s) => s.location.search as Record<string, unknown> });
}

/** A yes/no of the query string: true for true/1, false for false/0, undefined when absent or anything else. */
export function searchChoice(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === 'true' || v === '1') return true;
  if (v === false || v === 0 || v === 'false' || v === '0') return false;
  return undefined;
}

/** A yes of the query string: ?x=true or ?x=1 (as text from an address, or as a value a page put there). */
export function useSearchFlag(name: string): boolean {
  return searchChoice(useSearchValues()[name]) === true;
}

/** A text value of the query string (e.g. ?status=Rapporterad from a start-page link), or undefined. */
export function useSearchText(name: string): string | undefined {
  const v = useSearchValues()[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A year of the query string (?fran=2025; a number when a page put one there), or undefined. */
export function useSearchYear(name: string): number | undefined {
  const v = useSearchValues()[name];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1000 && n <= 9999 ? n : undefined;
}

/**
 * Changes values of the query string in place (replacing the history entry, not adding one): a page's choices kept in
 * its address. An empty or undefined value removes its key.
 */
export function useSetSearch(): (patch: Record<string, unknown>) => void {
  const navigate = useNavigate();
  return (patch) =>
    void navigate({
      to: '.',
      replace: true,
      search: (prev: Record<string, unknown>) => {
        const next = { ...prev };
        for (const [k, v] of Object.entries(patch)) {
          if (v === '' || v === undefined) delete next[k];
          else next[k] = v;
        }
        return next;
      },
    });
}
