import type { ZodError } from 'zod';
import { AppError } from './errors';

type Issue = ZodError['issues'][number];

const FORMATS: Record<string, [string, string]> = {
  uuid: ['ett id (UUID)', 'an id (UUID)'],
  email: ['en e-postadress', 'an e-mail address'],
  date: ['ett datum ÅÅÅÅ-MM-DD', 'a date YYYY-MM-DD'],
  datetime: ['en tidpunkt (ISO 8601, t.ex. 2025-03-30T10:00:00Z)', 'a time (ISO 8601, e.g. 2025-03-30T10:00:00Z)'],
  time: ['en tid TT:MM', 'a time HH:MM'],
  url: ['en webbadress', 'a web address'],
  regex: ['i rätt form', 'in the right form'],
};

/** A JSON type as the messages name it. */
const TYPES: Record<string, [string, string]> = {
  number: ['ett tal', 'a number'], int: ['ett heltal', 'an integer'], string: ['en text', 'a text'], boolean: ['true eller false', 'true or false'],
  array: ['en lista', 'a list'], object: ['ett objekt', 'an object'], date: ['ett datum', 'a date'],
};

const MISSING = { sv: 'Värdet saknas.', en: 'The value is missing.' };

/** One issue in words, Swedish and English (without its field). */
export function describeIssue(issue: Issue): { sv: string; en: string } {
  const i = issue as Issue & { expected?: string; maximum?: number | bigint; minimum?: number | bigint; origin?: string; keys?: string[]; values?: unknown[]; format?: string; received?: string };
  switch (i.code) {
    case 'invalid_type': {
      // Zod 4 leaves the input out of an issue unless asked: its message says what it received ("…, received string").
      const missing = 'input' in i ? i.input === undefined : /received undefined\b/.test(i.message);
      const [sv, en] = TYPES[i.expected ?? ''] ?? [String(i.expected), String(i.expected)];
      return missing ? MISSING : { sv: `Fel typ: ska vara ${sv}.`, en: `Wrong type: must be ${en}.` };
    }
    case 'too_big':
      return i.origin === 'string'
        ? { sv: `För lång text: högst ${i.maximum} tecken.`, en: `Too long: at most ${i.maximum} characters.` }
        : i.origin === 'array'
          ? { sv: `För många värden: högst ${i.maximum}.`, en: `Too many items: at most ${i.maximum}.` }
          : { sv: `För stort: högst ${i.maximum}.`, en: `Too large: at most ${i.maximum}.` };
    case 'too_small':
      return i.origin === 'string'
        ? Number(i.minimum) <= 1
          ? { sv: 'Fyll i fältet: det får inte vara tomt.', en: 'Fill in the field: it must not be empty.' }
          : { sv: `För kort text: minst ${i.minimum} tecken.`, en: `Too short: at least ${i.minimum} characters.` }
        : i.origin === 'array'
          ? { sv: `Välj minst ${i.minimum}.`, en: `Choose at least ${i.minimum}.` }
          : { sv: `För litet: minst ${i.minimum}.`, en: `Too small: at least ${i.minimum}.` };
    case 'unrecognized_keys':
      return { sv: `Okända fält: ${(i.keys ?? []).join(', ')}.`, en: `Unknown fields: ${(i.keys ?? []).join(', ')}.` };
    case 'invalid_value':
      return {
        sv: `Otillåtet värde. Tillåtna: ${(i.values ?? []).map(String).join(', ')}.`,
        en: `Value not allowed. Allowed: ${(i.values ?? []).map(String).join(', ')}.`,
      };
    case 'invalid_format': {
      // A schema's own message is written "svenska / English"; the built-in formats get words of their own.
      const own = i.message.split(' / ');
      if (own.length === 2) return { sv: `Fel format: ${own[0]}.`, en: `Wrong format: ${own[1]}.` };
      const known = FORMATS[i.format ?? ''];
      if (known) return { sv: `Fel format: ska vara ${known[0]}.`, en: `Wrong format: must be ${known[1]}.` };
      return { sv: `Fel format (${i.format}).`, en: `Wrong format (${i.format}). ${i.message}` };
    }
    default: {
      // A schema's own message is "svenska / English" (e.g. InstantText's): each language gets its half.
      const own = i.message.split(' / ');
      if (own.length === 2) return { sv: `Ogiltigt värde: ${own[0]}.`, en: `Invalid value: ${own[1]}.` };
      return { sv: `Ogiltigt värde: ${i.message}`, en: `Invalid value: ${i.message}` };
    }
  }
}

function fieldOf(issue: Issue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as Issue & { keys?: string[] }).keys ?? [];
    return [...path, keys[0] ?? ''].filter(Boolean).join('.');
  }
  return path.join('.') || '(body)';
}

/** The value at an issue's path in the raw input. */
function rawAt(raw: unknown, path: PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * A validation failure as one 400 problem: the first field at fault plus the full list. `raw`, the input as received
 * (a query string's parameters), tells a missing value from a wrong one where the schema coerces: `z.coerce.number()`
 * turns a missing `?year` into NaN, which alone reads as the wrong type.
 */
export function validationProblem(error: ZodError, target: string, raw?: unknown): AppError {
  const errors = error.issues.map((issue) => {
    const missing = raw !== undefined && issue.code === 'invalid_type' && rawAt(raw, issue.path) === undefined;
    const m = missing ? MISSING : describeIssue(issue);
    const field = fieldOf(issue);
    return { field, message_sv: `${field}: ${m.sv}`, message_en: `${field}: ${m.en}` };
  });
  const first = errors[0];
  const where = target === 'json' ? 'body' : target;
  return new AppError(
    400,
    'validation',
    { sv: `Ogiltiga uppgifter (${where}) – ${first.message_sv}`, en: `Invalid input (${where}) – ${first.message_en}` },
    first.field,
    {},
    errors,
  );
}

/** The path of the first string holding U+0000 in validated input (PostgreSQL text cannot store it), if any. */
export function nulField(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : undefined;
  if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const hit = nulField(v, [...path, k]);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export function nulProblem(field: string, target: string): AppError {
  const where = target === 'json' ? 'body' : target;
  return new AppError(400, 'validation', {
    sv: `Ogiltiga uppgifter (${where}) – ${field}: texten innehåller ett nolltecken (U+0000), som inte kan sparas.`,
    en: `Invalid input (${where}) – ${field}: the text contains a NUL character (U+0000), which cannot be stored.`,
  }, field);
}
