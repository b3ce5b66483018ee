import { hash, verify } from '@node-rs/argon2';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import type { Msg } from '../../server/platform/errors';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. @node-rs/argon2 defaults to argon2id.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
/** A hash to verify against when the user does not exist, so timing does not reveal accounts. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

const SWEDISH_COMMON = [
  'lösenord', 'losenord', 'sommar', 'vinter', 'hösten', 'varen', 'stockholm', 'göteborg', 'malmö', 'sverige',
  'kommunen', 'tillit', 'välkommen', 'valkommen', 'hejsan', 'qwertyuiop', 'asdfghjkl', 'password',
];

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    // The 49,000-word list loads on first use, not at every process start.
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    const list = dictionary['passwords-common'] ?? [];
    common = new Set([...list, ...SWEDISH_COMMON].map((p) => p.toLowerCase()));
  }
  return common;
}

export const MIN_PASSWORD_LENGTH = 12;

/** Returns why a password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string, email?: string): Msg | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return {
      sv: `Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken.`,
      en: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    };
  }
  if (password.length > 256) return { sv: 'Lösenordet får ha högst 256 tecken.', en: 'The password may have at most 256 characters.' };
  const lower = password.toLowerCase();
  // The word with trailing digits/symbols removed catches "Sommar2025!!!!".
  const stem = lower.replace(/[^a-zåäö]+$/u, '').replace(/^[^a-zåäö]+/u, '');
  const set = commonPasswords();
  if (set.has(lower) || (stem.length >= 4 && set.has(stem)) || /^(.)\1+$/u.test(password) || /^(.{1,3})\1+$/u.test(password)) {
    return {
      sv: 'Lösenordet är för vanligt eller för enkelt. Välj en lång fras som inte är lätt att gissa.',
      en: 'The password is too common or too simple. Choose a long phrase that is hard to guess.',
    };
  }
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) {
    return { sv: 'Lösenordet får inte innehålla din e-postadress.', en: 'The password must not contain your e-mail address.' };
  }
  return undefined;
}

/** A readable random password for one-time use (first admin, resets). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
