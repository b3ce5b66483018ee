import { z } from '@hono/zod-openapi';
import { FIRST_YEAR, LAST_PLANNING_YEAR, SANE_YEARS, saneYear, yearProblem } from './time';

/** PostgreSQL `integer` bounds: a larger number would fail in the database instead of being refused as input. */
export const INT4_MIN = -2147483648;
export const INT4_MAX = 2147483647;

/**
 * An integer that fits a PostgreSQL `integer` column. zod's `z.int()` allows any safe integer (up to 2^53), and
 * its int32 variant is documented in OpenAPI as a plain number; this keeps `type: integer` there.
 */
export const int4 = () => z.int().min(INT4_MIN).max(INT4_MAX);

/** The refusal of a date or time whose year is outside SANE_YEARS ("sv / en", validation.ts). */
export const SANE_YEAR_ISSUE = { message: `ett år mellan ${SANE_YEARS[0]} och ${SANE_YEARS[1]} / a year between ${SANE_YEARS[0]} and ${SANE_YEARS[1]}` };

/**
 * A calendar date `YYYY-MM-DD` (a day in Europe/Stockholm); zod checks that the day exists (no 2025-02-30), and the year
 * is one a date may have (saneYear: 0000-01-01 was refused by the database, without the field).
 */
export const IsoDate = z.iso.date()
  .refine((d) => saneYear(Number(d.slice(0, 4))), SANE_YEAR_ISSUE)
  .openapi({ example: '2026-06-30', description: 'Datum ÅÅÅÅ-MM-DD (Europe/Stockholm)' });

const YEAR_DESCRIPTION = `Årtal ÅÅÅÅ från ${FIRST_YEAR} till och med nästa år (Europe/Stockholm) / a year from ${FIRST_YEAR} up to next year`;

/** Refuses a year outside FIRST_YEAR–lastYear() (time.ts) with the value and the range ("sv / en", validation.ts). */
function refineYear(v: number, c: z.RefinementCtx) {
  if (!Number.isInteger(v)) return; // .int() has said so
  const why = yearProblem(v);
  if (why) c.addIssue({ code: 'custom', message: `${why.sv} / ${why.en}`, input: v });
}

/**
 * A year of figures, reports and records (time.ts): from FIRST_YEAR to next year, checked at each request. As a JSON
 * field (YearField) or a query parameter (YearQuery, `?year=2025`).
 */
export const YearField = () => int4().superRefine(refineYear).openapi({ description: YEAR_DESCRIPTION, example: 2025 });
// Read as text: a blank `?year=` is then named as given ("" är inget årtal), not coerced to the year 0.
export const YearQuery = () => z.string()
  .superRefine((v, c) => {
    const why = yearProblem(v);
    if (why) c.addIssue({ code: 'custom', message: `${why.sv} / ${why.en}`, input: v });
  })
  .transform((v) => Number(v.trim()))
  .openapi({ type: 'integer', description: YEAR_DESCRIPTION, example: 2025 });

/** A year a plan may name (time.ts): FIRST_YEAR–LAST_PLANNING_YEAR, as a JSON field or a query parameter. */
export const PlanningYearField = () => int4().min(FIRST_YEAR).max(LAST_PLANNING_YEAR);
export const PlanningYearQuery = () => z.coerce.number().int().min(FIRST_YEAR).max(LAST_PLANNING_YEAR);

/** Luhn check digit of a Swedish organisation number (NNNNNN-NNNN): the tenth digit checks the first nine. */
export function orgNumberValid(value: string): boolean {
  if (!/^\d{6}-\d{4}$/.test(value)) return false;
  const digits = value.replace('-', '').split('').map(Number);
  const sum = digits.reduce((acc, d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return sum % 10 === 0;
}

/** A Swedish organisation number NNNNNN-NNNN with a valid check digit, refused with 400 at the field otherwise. */
export const OrgNumber = z.string().trim().refine(orgNumberValid, {
  message: 'Organisationsnummer skrivs NNNNNN-NNNN med rätt kontrollsiffra / Organisation number as NNNNNN-NNNN with a valid check digit',
});
