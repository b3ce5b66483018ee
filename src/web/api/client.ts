/**
 * The one API client of the web app: same-origin fetch with the session cookie, the CSRF header on every
 * mutation, JSON in and out, and RFC 9457 problems turned into `ApiError`. Callers give the response type.
 */

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  detail_sv?: string;
  detail_en?: string;
  code?: string;
  field?: string;
  errors?: { field: string; message_sv: string; message_en: string }[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.detail_en ?? problem.detail ?? `HTTP ${problem.status}`);
  }
  get status() {
    return this.problem.status;
  }
  get code() {
    return this.problem.code;
  }
  get field() {
    return this.problem.field;
  }
  /** The message in the user's language. */
  message_(lang: string): string {
    const p = this.problem;
    return (lang.startsWith('en') ? p.detail_en : p.detail_sv) ?? p.detail ?? p.title ?? `HTTP ${p.status}`;
  }
  /**
   * Per-field messages in the user's language (from `field` and `errors`), shown next to the field: without
   * the API's "field: " prefix of validation messages ("title: Fyll i fältet: det får inte vara tomt." → "Fyll i fältet: det får inte vara tomt.").
   */
  fieldMessages(lang: string): Record<string, string> {
    const en = lang.startsWith('en');
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.field] ??= stripField(en ? e.message_en : e.message_sv, e.field);
    if (this.problem.field && !out[this.problem.field]) out[this.problem.field] = this.message_(lang);
    return out;
  }
  get isStale() {
    return this.status === 409 && this.code === 'stale_version';
  }
}

/** A message without a leading "field: " (the API names the field it is about; the UI shows the label instead). */
export function stripField(message: string, field: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

let csrfToken: string | null = null;
/** Set from the login response and from GET /api/me, so a reload keeps working. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `/api/...?a=b` leaving out empty parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'network',
      detail_sv: 'Kunde inte nå servern. Kontrollera anslutningen och försök igen.',
      detail_en: 'Could not reach the server. Check the connection and try again.',
    });
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => undefined) : undefined;
  if (!res.ok) {
    const p = (data && typeof data === 'object' ? data : {}) as Partial<Problem>;
    throw new ApiError({ ...p, status: res.status });
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
