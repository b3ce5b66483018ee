/**
 * Errors as RFC 9457 problem details. Every error a user can cause is an AppError with a status < 500,
 * a Swedish and an English message and, where it applies, the field at fault.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Swedish message (primary). */
  detail_sv: string;
  /** English message. */
  detail_en: string;
  code: string;
  field?: string;
  errors?: { field: string; message_sv: string; message_en: string }[];
  [extra: string]: unknown;
}

export interface Msg { sv: string; en: string }

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly msg: Msg,
    public readonly field?: string,
    public readonly extra: Record<string, unknown> = {},
    public readonly errors?: { field: string; message_sv: string; message_en: string }[],
  ) {
    super(msg.en);
  }

  toProblem(lang: 'sv' | 'en' = 'sv'): Problem {
    return {
      type: `urn:tillit:problem:${this.code}`,
      title: TITLES[this.status]?.[lang] ?? 'Error',
      status: this.status,
      detail: lang === 'sv' ? this.msg.sv : this.msg.en,
      detail_sv: this.msg.sv,
      detail_en: this.msg.en,
      code: this.code,
      ...(this.field ? { field: this.field } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

const TITLES: Record<number, Msg> = {
  400: { sv: 'Felaktig begäran', en: 'Bad request' },
  401: { sv: 'Inte inloggad', en: 'Unauthorized' },
  403: { sv: 'Åtkomst nekad', en: 'Forbidden' },
  404: { sv: 'Hittades inte', en: 'Not found' },
  409: { sv: 'Konflikt', en: 'Conflict' },
  413: { sv: 'För stor begäran', en: 'Payload too large' },
  415: { sv: 'Fel innehållstyp', en: 'Unsupported media type' },
  422: { sv: 'Ogiltiga uppgifter', en: 'Unprocessable content' },
  423: { sv: 'Låst', en: 'Locked' },
  429: { sv: 'För många försök', en: 'Too many requests' },
  500: { sv: 'Internt fel', en: 'Internal error' },
  503: { sv: 'Tjänsten är inte tillgänglig', en: 'Service unavailable' },
};

export const badRequest = (code: string, msg: Msg, field?: string, extra?: Record<string, unknown>) =>
  new AppError(400, code, msg, field, extra);
export const unauthorized = () =>
  new AppError(401, 'unauthenticated', { sv: 'Du måste logga in.', en: 'You must log in.' });
export const forbidden = (msg: Msg = { sv: 'Du saknar behörighet för detta.', en: 'You are not permitted to do this.' }) =>
  new AppError(403, 'forbidden', msg);
export const notFound = (what: Msg, field?: string) =>
  new AppError(404, 'not_found', what, field);
export const conflict = (code: string, msg: Msg, field?: string, extra?: Record<string, unknown>) =>
  new AppError(409, code, msg, field, extra);
export const unprocessable = (code: string, msg: Msg, field?: string, extra?: Record<string, unknown>) =>
  new AppError(422, code, msg, field, extra);

/** Maps a PostgreSQL error to an AppError when it is the user's doing (constraint violations). */
export function fromDatabaseError(err: unknown): AppError | undefined {
  const e = err as { code?: string; constraint?: string; detail?: string; cause?: unknown };
  const inner = (e?.code ? e : (e?.cause as typeof e)) ?? {};
  switch (inner.code) {
    case '23505':
      return conflict('duplicate', {
        sv: `Värdet finns redan (${inner.constraint ?? 'unik nyckel'}).`,
        en: `The value already exists (${inner.constraint ?? 'unique key'}).`,
      }, constraintField(inner.constraint));
    case '23503':
      return conflict('referenced', {
        sv: 'Posten hänger ihop med andra poster och kan inte ändras så.',
        en: 'The record is referenced by other records and cannot be changed that way.',
      });
    case '22001':
      return badRequest('too_long', { sv: 'Ett värde är för långt.', en: 'A value is too long.' });
    case '22003': // a number outside its column's range
      return badRequest('out_of_range', { sv: 'Ett tal är utanför det tillåtna intervallet.', en: 'A number is outside the allowed range.' });
    case '22021': // a NUL or an invalid byte sequence in text
    case '22P05': // \u0000 in JSON converted to text
      return badRequest('invalid_value', { sv: 'Ett värde innehåller tecken som inte kan sparas.', en: 'A value contains characters that cannot be stored.' });
    case '22P02':
    case '22007':
    case '22008':
      return badRequest('invalid_value', { sv: 'Ett värde har fel format.', en: 'A value has the wrong format.' });
    default:
      return undefined;
  }
}

function constraintField(constraint?: string): string | undefined {
  if (!constraint) return undefined;
  const m = /_([a-z_]+?)_(unique|key|idx)$/.exec(constraint);
  return m ? m[1] : undefined;
}
