import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { BackupCryptoError, decryptingStream, encryptingStream, HEADER_BYTES, isEncrypted } from './backup-crypto';

const PASS = 'en lång lösenfras för säkerhetskopian';
const CHUNK = 64 * 1024;
const SEALED = CHUNK + 16;

/** `data` written to the encrypting stream in pieces of `piece` bytes. */
async function encrypt(data: Buffer, passphrase = PASS, piece = 10_000): Promise<Buffer> {
  const pieces = [];
  for (let i = 0; i < data.length; i += piece) pieces.push(data.subarray(i, i + piece));
  const enc = await encryptingStream(passphrase);
  const out = buffer(enc);
  await pipeline(Readable.from(pieces), enc);
  return out;
}

/** The decrypted bytes, or the error the decryption gave. */
async function decrypt(sealed: Buffer, passphrase = PASS): Promise<Buffer | BackupCryptoError> {
  const dec = decryptingStream(passphrase, 'b.gz');
  const out = buffer(dec);
  // Read in the file stream's 64 KiB pieces, which do not fall on the chunks' borders.
  const pieces = [];
  for (let i = 0; i < sealed.length; i += 65_536) pieces.push(sealed.subarray(i, i + 65_536));
  try {
    await pipeline(Readable.from(pieces), dec);
    return await out;
  } catch (err) {
    out.catch(() => {});
    if (err instanceof BackupCryptoError) return err;
    throw err;
  }
}

describe('encrypted backups (AES-256-GCM in 64 KiB chunks, key from scrypt)', () => {
  it('gives back exactly what was written, for sizes around the chunk size, and hides it', async () => {
    for (const size of [0, CHUNK, CHUNK + 1, 3 * CHUNK + 17]) {
      const data = randomBytes(size);
      const sealed = await encrypt(data);
      expect(isEncrypted(sealed)).toBe(true);
      // The header, then each chunk with its 16-byte tag (an empty input still has its last chunk).
      expect(sealed.length).toBe(HEADER_BYTES + size + 16 * Math.max(1, Math.ceil(size / CHUNK)));
      const back = await decrypt(sealed);
      expect(back instanceof Buffer ? back.equals(data) : back).toBe(true);
    }
    const text = Buffer.from('Skyddad identitet: Anna Andersson, Storgatan 1 '.repeat(100));
    const sealed = await encrypt(text);
    expect(sealed.includes(Buffer.from('Anna Andersson'))).toBe(false);
    // A new salt and nonce each time: the same backup twice is two different files.
    expect((await encrypt(text)).equals(sealed)).toBe(false);
  }, 60_000);

  it('a wrong passphrase is named as such, and a damaged, cut, reordered or lengthened file fails as what it is', async () => {
    const data = randomBytes(3 * CHUNK + 100);
    const sealed = await encrypt(data);
    const wrong = await decrypt(sealed, 'en annan lösenfras för kopian');
    expect(wrong).toBeInstanceOf(BackupCryptoError);
    expect((wrong as BackupCryptoError).sv).toBe('Fel lösenfras för säkerhetskopian b.gz. Inget återställdes.');
    expect((wrong as BackupCryptoError).en).toBe('Wrong passphrase for the backup b.gz. Nothing was restored.');

    const flipped = Buffer.from(sealed);
    flipped[HEADER_BYTES + SEALED + 5] ^= 1; // a byte of the second chunk
    expect((await decrypt(flipped)) as BackupCryptoError).toMatchObject({ en: 'The backup b.gz is damaged or altered (part 2 does not verify). Nothing was restored.' });

    // Cut after a whole chunk: no chunk says it is the last.
    const cutAtBorder = sealed.subarray(0, HEADER_BYTES + 2 * SEALED);
    expect((await decrypt(cutAtBorder)) as BackupCryptoError).toMatchObject({ en: 'The backup b.gz is incomplete: it ends too early. Nothing was restored.' });
    const cutWithin = sealed.subarray(0, HEADER_BYTES + SEALED + 1000);
    expect(await decrypt(cutWithin)).toBeInstanceOf(BackupCryptoError);
    expect((await decrypt(sealed.subarray(0, HEADER_BYTES - 3))) as BackupCryptoError).toMatchObject({ en: 'The backup b.gz is incomplete (it ends within its header). Nothing was restored.' });

    const c = (i: number) => sealed.subarray(HEADER_BYTES + i * SEALED, HEADER_BYTES + (i + 1) * SEALED);
    const swapped = Buffer.concat([sealed.subarray(0, HEADER_BYTES), c(1), c(0), sealed.subarray(HEADER_BYTES + 2 * SEALED)]);
    expect((await decrypt(swapped)) as BackupCryptoError).toMatchObject({ en: 'The backup b.gz is damaged or altered (part 1 does not verify). Nothing was restored.' });
    const lengthened = Buffer.concat([sealed, c(0)]);
    expect(await decrypt(lengthened)).toBeInstanceOf(BackupCryptoError);

    // The header is bound to every chunk: a changed cost or salt fails too, and a cost beyond the limit is not tried.
    const costly = Buffer.from(sealed);
    costly[10] = 30; // log2 N
    expect(await decrypt(costly)).toBeInstanceOf(BackupCryptoError);
    const salted = Buffer.from(sealed);
    salted[14] ^= 1;
    expect((await decrypt(salted)) as BackupCryptoError).toMatchObject({ sv: 'Fel lösenfras för säkerhetskopian b.gz. Inget återställdes.' });
  }, 60_000);

  it('refuses a passphrase shorter than 12 characters (counted as characters, not bytes)', async () => {
    await expect(encryptingStream('kort-åäö')).rejects.toMatchObject({ sv: 'Lösenfrasen för säkerhetskopian är för kort: minst 12 tecken.' });
    await expect(encryptingStream('åäöåäöåäöåä')).rejects.toBeInstanceOf(BackupCryptoError);
    await expect(encryptingStream('åäöåäöåäöåäö')).resolves.toBeDefined();
  });
});
