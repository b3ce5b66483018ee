import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Encrypted backups: the gzip'd backup in AES-256-GCM, cut in chunks of 64 KiB (the STREAM construction of age and
 * Tink), so that a large backup is encrypted and decrypted as it streams, and every chunk is authenticated before it
 * is used: a changed, reordered, dropped or appended chunk fails, and so does a file cut off after any chunk (the last
 * chunk says it is the last). The key comes from a passphrase through scrypt.
 *
 * File: MAGIC, version 1, scrypt's log2 N, r and p, salt (16 bytes), nonce prefix (7 bytes), key check (16 bytes),
 * then the chunks, each its ciphertext and 16-byte tag. A chunk's nonce is the prefix, its number (4 bytes) and 1 for
 * the last chunk, else 0. The header is every chunk's associated data. The key check (HMAC of the key) tells a wrong
 * passphrase from a damaged file; it gives a guesser nothing the first chunk's tag would not.
 */
export const ENCRYPTED_MAGIC = Buffer.from('TILLITENC', 'latin1');
const VERSION = 1;
const CHUNK = 64 * 1024;
const TAG = 16;
const SALT = 16;
const PREFIX = 7;
const CHECK = 16;
export const HEADER_BYTES = ENCRYPTED_MAGIC.length + 4 + SALT + PREFIX + CHECK;
/** scrypt with N = 2^17, r = 8, p = 1 (OWASP's recommendation): 128 MiB and about half a second per backup. */
const LOG_N = 17;
const R = 8;
const P = 1;
/** The most a file may ask scrypt for: a crafted header must not make a restore use gigabytes. */
const MAX_LOG_N = 20;
export const MIN_PASSPHRASE = 12;

/** Why a passphrase or an encrypted file was refused: in Swedish and English. */
export class BackupCryptoError extends Error {
  constructor(public readonly sv: string, public readonly en: string) {
    super(en);
  }
}

/** A passphrase too short to protect every protected text of the installation is refused. */
export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE) {
    throw new BackupCryptoError(
      `Lösenfrasen för säkerhetskopian är för kort: minst ${MIN_PASSPHRASE} tecken.`,
      `The backup passphrase is too short: at least ${MIN_PASSPHRASE} characters.`,
    );
  }
}

function deriveKey(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const keyCheck = (key: Buffer) => createHmac('sha256', key).update('tillit-backup-key-check').digest().subarray(0, CHECK);

function nonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, PREFIX);
  n[11] = last ? 1 : 0;
  return n;
}

/** Whether a file's first bytes are those of an encrypted backup. */
export const isEncrypted = (start: Buffer) => start.length >= ENCRYPTED_MAGIC.length && start.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC);

/** A stream that encrypts what is written to it with a key from `passphrase`. */
export async function encryptingStream(passphrase: string): Promise<Transform> {
  checkPassphrase(passphrase);
  const salt = randomBytes(SALT);
  const prefix = randomBytes(PREFIX);
  const key = await deriveKey(passphrase, salt, LOG_N, R, P);
  const header = Buffer.concat([ENCRYPTED_MAGIC, Buffer.from([VERSION, LOG_N, R, P]), salt, prefix, keyCheck(key)]);
  let counter = 0;
  let pending: Buffer[] = [];
  let size = 0;
  const seal = (plain: Buffer, last: boolean) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, counter++, last));
    cipher.setAAD(header);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };
  return new Transform({
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      pending.push(chunk);
      size += chunk.length;
      // Only what is certainly not the last chunk goes out: the last is sealed as such when the input ends.
      if (size > CHUNK) {
        let all = Buffer.concat(pending);
        while (all.length > CHUNK) {
          this.push(seal(all.subarray(0, CHUNK), false));
          all = all.subarray(CHUNK);
        }
        pending = [all];
        size = all.length;
      }
      callback();
    },
    flush(callback) {
      this.push(seal(Buffer.concat(pending), true));
      pending = [];
      callback();
    },
  });
}

/**
 * A stream that decrypts an encrypted backup with `passphrase`, chunk by chunk, each authenticated before it is
 * passed on. Its errors are BackupCryptoErrors naming `file`: a wrong passphrase, a damaged or incomplete file.
 */
export function decryptingStream(passphrase: string, file: string): Transform {
  let header: Buffer | undefined;
  let key: Buffer | undefined;
  let prefix: Buffer | undefined;
  let counter = 0;
  let pending: Buffer = Buffer.alloc(0);
  const damaged = () =>
    new BackupCryptoError(
      `Säkerhetskopian ${file} är skadad eller ändrad (del ${counter + 1} stämmer inte). Inget återställdes.`,
      `The backup ${file} is damaged or altered (part ${counter + 1} does not verify). Nothing was restored.`,
    );
  const open = (sealed: Buffer, last: boolean): Buffer => {
    if (sealed.length < TAG) throw damaged();
    const decipher = createDecipheriv('aes-256-gcm', key!, nonce(prefix!, counter, last));
    decipher.setAAD(header!);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
    try {
      const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG)), decipher.final()]);
      counter++;
      return plain;
    } catch {
      throw damaged();
    }
  };
  const readHeader = async (): Promise<void> => {
    const h = pending.subarray(0, HEADER_BYTES);
    let at = ENCRYPTED_MAGIC.length;
    const [version, logN, r, p] = h.subarray(at, (at += 4));
    if (!isEncrypted(h) || version !== VERSION) {
      throw new BackupCryptoError(
        `${file} är ingen krypterad Tillit-säkerhetskopia av version ${VERSION}.`,
        `${file} is not an encrypted Tillit backup of version ${VERSION}.`,
      );
    }
    if (logN < 10 || logN > MAX_LOG_N || r < 1 || r > 32 || p < 1 || p > 4) throw damaged();
    const salt = h.subarray(at, (at += SALT));
    prefix = Buffer.from(h.subarray(at, (at += PREFIX)));
    const check = h.subarray(at, at + CHECK);
    header = Buffer.from(h);
    key = await deriveKey(passphrase, salt, logN, r, p);
    if (!timingSafeEqual(keyCheck(key), check)) {
      throw new BackupCryptoError(
        `Fel lösenfras för säkerhetskopian ${file}. Inget återställdes.`,
        `Wrong passphrase for the backup ${file}. Nothing was restored.`,
      );
    }
    pending = pending.subarray(HEADER_BYTES);
  };
  const asError = (err: unknown) => (err instanceof BackupCryptoError ? err : damaged());
  return new Transform({
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const go = async () => {
        if (!header) {
          if (pending.length < HEADER_BYTES) return;
          await readHeader();
        }
        // A chunk is the last only when nothing follows it: one whole chunk is kept back until more comes.
        while (pending.length > CHUNK + TAG) {
          this.push(open(pending.subarray(0, CHUNK + TAG), false));
          pending = pending.subarray(CHUNK + TAG);
        }
      };
      go().then(() => callback(), (err: unknown) => callback(asError(err)));
    },
    flush(callback) {
      if (!header) {
        callback(
          new BackupCryptoError(
            `Säkerhetskopian ${file} är ofullständig (den slutar i sitt huvud). Inget återställdes.`,
            `The backup ${file} is incomplete (it ends within its header). Nothing was restored.`,
          ),
        );
        return;
      }
      try {
        this.push(open(pending, true));
        callback();
      } catch (err) {
        // A file cut off after a whole chunk ends without its last chunk: that chunk fails as the last.
        callback(
          pending.length === CHUNK + TAG || pending.length === 0
            ? new BackupCryptoError(
                `Säkerhetskopian ${file} är ofullständig: den slutar för tidigt. Inget återställdes.`,
                `The backup ${file} is incomplete: it ends too early. Nothing was restored.`,
              )
            : asError(err),
        );
      }
    },
  });
}
