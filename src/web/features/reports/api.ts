/**
 * Requests of the report page. JSON goes through the shared client; documents (DOCX/PDF/HTML) and the template
 * upload need the raw fetch, so the page can show progress while the server renders and turn a blob into a file.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, apiUrl, type Problem } from '../../api/client';
import { reportKey, type Report, type ReportComment, type ReportIso93, type ReportTemplate, type ReportVersion } from './types';

type Query = Record<string, string | number | undefined>;

async function problemOf(res: Response): Promise<ApiError> {
  const data: unknown = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => undefined) : undefined;
  return new ApiError({ ...((data && typeof data === 'object' ? data : {}) as Partial<Problem>), status: res.status });
}

const networkError = () =>
  new ApiError({ status: 0, code: 'network', detail_sv: 'Kunde inte nå servern. Kontrollera anslutningen och försök igen.', detail_en: 'Could not reach the server. Check the connection and try again.' });

/** GET a rendered document as a blob (with the server's file name). */
export async function fetchDocument(path: string, query: Query): Promise<{ blob: Blob; fileName: string }> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await problemOf(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `rapport.${String(query.format ?? 'bin')}`;
  return { blob: await res.blob(), fileName };
}

/** Saves a blob as a file through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POST a DOCX template as the raw body; a 422 carries the list of broken placeholders. */
export async function uploadTemplate(org: string, name: string, file: Blob, csrf: string | null): Promise<ReportTemplate> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(apiUrl('/report-templates', { org, name }), { method: 'POST', headers, credentials: 'same-origin', body: file });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as ReportTemplate;
}

type ReportYear = { year: number; id: string; status: string };

/** The years an organisation has a report for (one request for the page, not a 404 for each year without one). */
const yearsKey = (org: string | null) => ['reports', 'years', org] as const;

/** The years the organisation has a report for, newest first, each with its report's id and status. */
export const useReportYears = (org: string | null) =>
  useQuery({ queryKey: yearsKey(org), queryFn: () => api.get<ReportYear[]>('/report-years', { org: org! }), enabled: !!org });

/**
 * The organisation's report for a year: null when it has none, undefined while that is not known (and while no
 * organisation is given, when nothing is pending either).
 */
export function useReportForYear(org: string | null, year: number): { data: Report | null | undefined; isPending: boolean; isError: boolean; error: unknown } {
  const years = useReportYears(org);
  const id = years.data?.find((y) => y.year === year)?.id;
  const report = useQuery({ queryKey: reportKey(id ?? ''), queryFn: () => api.get<Report>(`/reports/${id}`), enabled: !!id });
  if (years.isError) return { data: undefined, isPending: false, isError: true, error: years.error };
  if (!years.data) return { data: undefined, isPending: !!org, isError: false, error: null };
  if (!id) return { data: null, isPending: false, isError: false, error: null };
  return { data: report.data, isPending: report.isPending, isError: report.isError, error: report.error };
}

/** A report the server just answered with (created or saved): cached as itself and in its organisation's years. */
export function rememberReport(qc: QueryClient, r: Report): void {
  qc.setQueryData(reportKey(r.id), r);
  qc.setQueryData<ReportYear[]>(yearsKey(r.org.slug), (old) =>
    [...(old ?? []).filter((y) => y.year !== r.year), { year: r.year, id: r.id, status: r.status }].sort((a, b) => b.year - a.year),
  );
}

export const useReport = (id: string) => useQuery({ queryKey: reportKey(id), queryFn: () => api.get<Report>(`/reports/${id}`) });
export const useComments = (id: string) => useQuery({ queryKey: ['reports', 'comments', id], queryFn: () => api.get<ReportComment[]>(`/reports/${id}/comments`) });
export const useVersions = (id: string) => useQuery({ queryKey: ['reports', 'versions', id], queryFn: () => api.get<ReportVersion[]>(`/reports/${id}/versions`) });
export const useIso93 = (id: string, version: number) =>
  useQuery({ queryKey: ['reports', 'iso93', id, version], queryFn: () => api.get<ReportIso93>(`/reports/${id}/iso93`) });
export const useTemplates = (org: string) => useQuery({ queryKey: ['reports', 'templates', org], queryFn: () => api.get<ReportTemplate[]>('/report-templates', { org }) });
