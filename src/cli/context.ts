import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../server/platform/config';
import { openDatabase, DatabaseUnavailableError, type Database } from '../server/platform/db';
import { createLogger } from '../server/platform/logger';
import { systemCtx, type Ctx } from '../server/platform/context';
import { AppError } from '../server/platform/errors';
import { fileMessage, FS_REASONS } from '../server/platform/files';

export class CliError extends Error {
  constructor(public readonly sv: string, public readonly en: string, public readonly exitCode = 2) {
    super(en);
  }
}

export interface CliEnv {
  config: Config;
  log: Logger;
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Opens the server's database for a CLI command and migrates it. A PGlite directory a server holds, or a
 * PostgreSQL server that cannot be reached, is a DatabaseUnavailableError: reportError says so, exit 3.
 */
export async function withDatabase<T>(env: CliEnv, fn: (database: Database, ctx: Ctx) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: env.config.dataDir, databaseUrl: env.config.databaseUrl, pgliteSharedBuffers: '16MB' });
  try {
    await database.migrate();
    const ctx = systemCtx({ db: database.db, config: env.config, log: env.log }, `cli:${process.env.USER ?? 'local'}`);
    return await fn(database, ctx);
  } finally {
    await database.close();
  }
}

export function cliEnv(): CliEnv {
  const config = loadConfig();
  // Output read by `| head` may stop being read: the command still finishes (an import still commits or rolls
  // back whole) instead of dying of an unhandled EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  return {
    config,
    // Quieter than the server unless LOG_LEVEL says otherwise (validated by loadConfig).
    log: createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn'),
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
  };
}

/** Prints an error in both languages; returns the exit code. */
export function reportError(env: Pick<CliEnv, 'err'>, err: unknown): number {
  // A refused command or setting: the message in both languages, no stack trace.
  if (err instanceof CliError || err instanceof ConfigError) {
    env.err(`fel: ${err.sv}`);
    env.err(`error: ${err.en}`);
    return err instanceof CliError ? err.exitCode : 2;
  }
  // The database cannot be opened (a PGlite directory another process holds, a PostgreSQL server that refuses).
  if (err instanceof DatabaseUnavailableError) {
    env.err(`fel: ${err.sv}`);
    env.err(`error: ${err.en}`);
    return 3;
  }
  if (err instanceof AppError) {
    env.err(`fel: ${err.msg.sv}${err.field ? ` (fält/field: ${err.field})` : ''}`);
    env.err(`error: ${err.msg.en}`);
    // The first problem is in the lines above; the list adds the others.
    if ((err.errors?.length ?? 0) > 1) for (const e of err.errors!) env.err(`  - ${e.message_sv} / ${e.message_en}`);
    return err.status === 409 ? 4 : 2;
  }
  const fsError = fileSystemMessage(err);
  if (fsError) {
    env.err(`fel: ${fsError.sv}`);
    env.err(`error: ${fsError.en}`);
    return 2;
  }
  env.err(`fel/error: ${(err as Error)?.stack ?? String(err)}`);
  return 1;
}

/** A file the user named could not be read or written (e.g. --out in a missing directory): why, in both languages. */
function fileSystemMessage(err: unknown): { sv: string; en: string } | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!e?.code || !FS_REASONS[e.code] || !e.path) return undefined;
  return fileMessage(e.path, e.code);
}
