/**
 * Small pieces shared by the plan, goals, DSO, documents and review pages: the two request shapes the one API
 * client does not cover (PUT with JSON, a raw file upload), the current year in Stockholm and a notice for
 * "choose an organisation first".
 */
import { Alert, Badge, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, apiUrl, type Problem } from '../../api/client';
import { todayStockholm } from '../../format';

type Query = Record<string, string | number | boolean | null | undefined>;

async function send<T>(method: string, path: string, csrf: string | null, body: BodyInit | undefined, contentType: string, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'network',
      detail_sv: 'Kunde inte nå servern. Kontrollera anslutningen och försök igen.',
      detail_en: 'Could not reach the server. Check the connection and try again.',
    });
  }
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => undefined) : undefined;
  if (!res.ok) throw new ApiError({ ...((data && typeof data === 'object' ? data : {}) as Partial<Problem>), status: res.status });
  return data as T;
}

/** PUT with a JSON body (the shared client has get/post/patch/delete only). */
export const putJson = <T,>(path: string, body: unknown, csrf: string | null) => send<T>('PUT', path, csrf, JSON.stringify(body), 'application/json');

/** PUT a file as the raw request body. */
export const putFile = <T,>(path: string, file: Blob, csrf: string | null, query: Query) =>
  send<T>('PUT', path, csrf, file, 'application/octet-stream', query);

export { todayStockholm };
export const thisYear = () => Number(todayStockholm().slice(0, 4));
/** The latest year of figures and records the server takes (lastYear in server/platform/time.ts): next year. */
export const lastYear = () => thisYear() + 1;

/** Years offered in selects: a few back, a few ahead, and any the data holds. */
export function yearChoices(extra: number[] = [], back = 3, ahead = 3): number[] {
  const y = thisYear();
  const set = new Set<number>(extra);
  for (let i = y - back; i <= y + ahead; i++) set.add(i);
  return [...set].sort((a, b) => a - b);
}

/** The form value of an optional number field: '' → undefined (the server names the missing field). */
export const numberOrUndefined = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v));

/** Calendar dates (YYYY-MM-DD) are shown as they are: that is the sv-SE form. */
export const day = (v: string | null | undefined) => v ?? '';

/** A register page before an organisation is chosen: its heading and "choose an organisation first". */
export function NeedOrg({ title }: { title: string }) {
  const { t } = useTranslation('plans');
  return (
    <>
      <Title order={1}>{title}</Title>
      <Alert color="gray" mt="md">
        {t('needOrg')}
      </Alert>
    </>
  );
}

/** The field message for a file upload: 413/415 (and an empty file) belong to the file field. */
export function fileErrorOf(error: unknown, lang: string): string | undefined {
  if (error instanceof ApiError && (error.status === 413 || error.status === 415 || error.field === 'file')) return error.message_(lang);
  return undefined;
}

export function CarriedBadge() {
  const { t } = useTranslation('plans');
  return (
    <Badge variant="light" color="grape" size="sm">
      {t('carried')}
    </Badge>
  );
}
