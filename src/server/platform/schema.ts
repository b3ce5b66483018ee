import { z } from '@hono/zod-openapi';

/** PostgreSQL `integer` bounds: a larger number would fail in the database instead of being refused as input. */
export const INT4_MIN = -2147483648;
export const INT4_MAX = 2147483647;

/**
 * An integer that fits a PostgreSQL `integer` column. zod's `z.int()` allows any safe integer (up to 2^53), and
 * its int32 variant is documented in OpenAPI as a plain number; this keeps `type: integer` there.
 */
export const int4 = () => z.int().min(INT4_MIN).max(INT4_MAX);

/** A calendar date `YYYY-MM-DD` (a day in Europe/Stockholm); zod checks that the day exists (no 2025-02-30). */
export const IsoDate = z.iso.date().openapi({ example: '2026-06-30', description: 'Datum ÅÅÅÅ-MM-DD (Europe/Stockholm)' });
