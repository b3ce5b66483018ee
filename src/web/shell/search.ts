import { useRouterState } from '@tanstack/react-router';

/** Query-string values of the current location (TanStack parses "true"/"1" to JSON values; both are accepted). */
export function useSearchFlag(name: string): boolean {
  const search = useRouterState({ select: (s) => s.location.search as Record<string, unknown> });
  const v = search[name];
  return v === true || v === 1 || v === 'true' || v === '1';
}

/** A text value of the query string (e.g. ?status=Rapporterad from a start-page link), or undefined. */
export function useSearchText(name: string): string | undefined {
  const search = useRouterState({ select: (s) => s.location.search as Record<string, unknown> });
  const v = search[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A year of the query string (?fran=2025: TanStack parses it to a number), or undefined. */
export function useSearchYear(name: string): number | undefined {
  const search = useRouterState({ select: (s) => s.location.search as Record<string, unknown> });
  const v = search[name];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1000 && n <= 9999 ? n : undefined;
}
