import { AppError, type Msg } from './errors';

/** Why a file or directory could not be used, by errno code, in Swedish and English. */
export const FS_REASONS: Record<string, [sv: string, en: string]> = {
  ENOENT: ['katalogen eller filen finns inte', 'no such file or directory'],
  ENOTDIR: ['en del av sökvägen är ingen katalog', 'a part of the path is not a directory'],
  EISDIR: ['det är en katalog', 'it is a directory'],
  EEXIST: ['det finns redan', 'it already exists'],
  EACCES: ['behörighet saknas', 'permission denied'],
  EPERM: ['behörighet saknas', 'permission denied'],
  EROFS: ['filsystemet är skrivskyddat', 'the file system is read-only'],
  ENOSPC: ['disken är full', 'no space left on the device'],
  EDQUOT: ['diskkvoten är slut', 'the disk quota is exceeded'],
  EFBIG: ['filen blev för stor', 'the file became too large'],
  EIO: ['läs- eller skrivfel på enheten', 'an input/output error on the device'],
  ENAMETOOLONG: ['namnet är för långt', 'the name is too long'],
  ELOOP: ['för många symboliska länkar', 'too many symbolic links'],
  EMFILE: ['för många öppna filer', 'too many open files'],
  EBUSY: ['resursen är upptagen', 'the resource is busy'],
};

/** The reason for a file-system error code in both languages; an unknown code is named as it is. */
export function fsReason(code: string | undefined): Msg {
  const known = code ? FS_REASONS[code] : undefined;
  if (known) return { sv: known[0], en: known[1] };
  return { sv: `oväntat fel (${code ?? 'okänt'})`, en: `unexpected error (${code ?? 'unknown'})` };
}

/** Whether `err` is an error of the file system (it has an errno code such as ENOENT), not of something else. */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException;
  return !!e && typeof e.code === 'string' && /^E[A-Z0-9]+$/.test(e.code) && (typeof e.errno === 'number' || typeof e.syscall === 'string');
}

/** The message for a file the user named that could not be used: the path and why, in both languages. */
export function fileMessage(path: string, code: string | undefined): Msg {
  const reason = fsReason(code);
  return { sv: `filen ${path} kunde inte användas: ${reason.sv}.`, en: `the file ${path} could not be used: ${reason.en}.` };
}

/** A file-system failure on a file the user named, as a refused request (the CLI prints it without a stack trace). */
export function fileError(path: string, err: NodeJS.ErrnoException | { code: string }): AppError {
  return new AppError(422, 'file_unusable', fileMessage(path, err.code), undefined, { path });
}
