import { useNavigate, useRouterState } from '@tanstack/react-router';

/**
 * An address's query string as the app reads it (router.tsx): every value as text, as written ("1480" stays the text
 * of an organisation's slug, not a number). A value in one pair of JSON quotes (?alla=%221%22) is unquoted: until
 * 2026-12 the app wrote its addresses so, and bookmarks keep them.
 */
export function readSearch(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) {
    let value = v;
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
      try {
        const unquoted: unknown = JSON.parse(v);
        if (typeof unquoted === 'string') value = unquoted;
      } catch {
        /* not JSON: kept as written */
      }
    }
    out[k] = value;
  }
  return out;
}

/** The current location's query string: text as readSearch gives it, or a value a page put there (`alla: 1`). */
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
  return searchText(useSearchValues()[name]);
}

/** A query value as text (a number a page put there too), or undefined when absent or empty. */
export function searchText(v: unknown): string | undefined {
  const text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  return text === '' ? undefined : text;
}

/** A year of the query string (?fran=2025; a number when a page put one there), or undefined. */
export function useSearchYear(name: string): number | undefined {
  const v = useSearchValues()[name];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1000 && n <= 9999 ? n : undefined;
}

/**
 * A page's year kept in the address (`?year=2025`): a reload or a link shows the same year, `fallback` when none is
 * given. The setter changes the address in place.
 */
export function useYearInAddress(name: string, fallback: number): [number, (year: number) => void] {
  const setSearch = useSetSearch();
  return [useSearchYear(name) ?? fallback, (year) => setSearch({ [name]: year })];
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
