import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from './registry';
import { parse } from './args';
import { CliError, withDatabase, type CliEnv } from './context';
import { backup, restore, RestoreError } from '../server/platform/backup';
import { BackupCryptoError, checkPassphrase } from '../server/platform/backup-crypto';
import { fileMessage } from '../server/platform/files';
import { inTx } from '../server/platform/tx';
import { recordAudit } from '../domains/audit/chain';
import { runDemo } from './demo';
import { portNumber } from '../server/platform/config';

/**
 * The backup passphrase: the file `--passphrase-file` names (its first line), else TILLIT_BACKUP_PASSPHRASE. Never an
 * argument: the command line is visible to every user of the machine (ps).
 */
function backupPassphrase(file: string | undefined, env: CliEnv): string | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch (err) {
      const m = fileMessage(resolve(file), (err as NodeJS.ErrnoException).code);
      throw new CliError(`Lösenfrasens ${m.sv}`, `The passphrase's ${m.en}`);
    }
    return text.split(/\r?\n/)[0];
  }
  return env.config.backupPassphrase;
}

/** A refused passphrase or an encrypted file that cannot be read: the CLI's error, in both languages. */
async function orCliError<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof RestoreError || err instanceof BackupCryptoError) throw new CliError(err.sv, err.en);
    throw err;
  }
}

export const platformCommands: CliCommand[] = [
  {
    name: 'serve',
    usage: 'tillit serve [--port N]',
    summary: 'Starta webbservern / start the web server',
    async run(args) {
      const { values } = parse(args, { port: { type: 'string' } }, [], this.usage);
      // Checked as PORT is: a bad value is named (exit 2), not left to the socket's RangeError.
      const port = values.port === undefined ? undefined : portNumber('--port', values.port);
      const { startServer } = await import('../server/main');
      await startServer({ port });
      return new Promise<number>(() => {}); // runs until a signal stops it
    },
  },
  {
    name: 'migrate',
    usage: 'tillit migrate',
    summary: 'Uppdatera databasens schema / apply database migrations',
    async run(args, env) {
      parse(args, {}, [], this.usage);
      const where = await withDatabase(env, async (db) => db.where);
      env.out(`Databasen är uppdaterad / the database is up to date (${where})`);
    },
  },
  {
    name: 'backup',
    usage: 'tillit backup FILE [--passphrase-file FILE]',
    summary: 'Säkerhetskopiera all data till en fil / back up all data to a file',
    async run(args, env) {
      const { values, positionals } = parse(args, { 'passphrase-file': { type: 'string' } }, ['FILE'], this.usage);
      const file = resolve(positionals[0]);
      const passphrase = backupPassphrase(values['passphrase-file'], env);
      if (passphrase !== undefined) await orCliError(async () => checkPassphrase(passphrase));
      // Recorded in the audit log once the file is whole: a backup holds every protected text of the installation.
      const h = await orCliError(() =>
        withDatabase(env, async (db, ctx) => {
          const written = await backup(db.db, file, { passphrase });
          const rows = written.tables.reduce((n, t) => n + t.rows, 0);
          await inTx(ctx, (tx) =>
            recordAudit(tx, ctx, { action: 'system.backup', entityType: 'system', after: { file, createdAt: written.createdAt, tables: written.tables.length, rows, encrypted: passphrase !== undefined } }),
          );
          return written;
        }),
      );
      const rows = h.tables.reduce((n, t) => n + t.rows, 0);
      const how = passphrase !== undefined ? ', krypterad/encrypted' : '';
      env.out(`Säkerhetskopia skriven / backup written: ${file} (${h.tables.length} tabeller/tables, ${rows} rader/rows${how})`);
      if (passphrase === undefined) {
        env.err(
          'Varning: säkerhetskopian är inte krypterad. Den innehåller alla skyddade uppgifter och lösenordshashar: förvara den ' +
            'som sådan, eller kryptera den med TILLIT_BACKUP_PASSPHRASE eller --passphrase-file. / Warning: the backup is not ' +
            'encrypted. It holds every protected text and password hash: keep it as such, or encrypt it with ' +
            'TILLIT_BACKUP_PASSPHRASE or --passphrase-file.',
        );
      }
    },
  },
  {
    name: 'restore',
    usage: 'tillit restore FILE [--force] [--passphrase-file FILE]',
    summary: 'Återställ från säkerhetskopia / restore from a backup',
    async run(args, env) {
      const { values, positionals } = parse(args, { force: { type: 'boolean' }, 'passphrase-file': { type: 'string' } }, ['FILE'], this.usage);
      const file = resolve(positionals[0]);
      if (!existsSync(file)) throw new CliError(`Filen ${file} finns inte.`, `File ${file} does not exist.`);
      const passphrase = backupPassphrase(values['passphrase-file'], env);
      await orCliError(async () => {
        const r = await withDatabase(env, async (db, ctx) => {
          const result = await restore(db.db, file, { force: values.force, passphrase });
          await inTx(ctx, (tx) =>
            recordAudit(tx, ctx, {
              action: 'system.restore',
              entityType: 'system',
              after: { file, createdAt: result.header.createdAt, sessionsEnded: result.sessionsEnded, apiTokens: result.apiTokens.total, validApiTokens: result.apiTokens.valid.length },
            }),
          );
          return result;
        });
        env.out(`Återställd från / restored from ${file} (skapad/created ${r.header.createdAt})`);
        env.out(
          `Alla inloggningar har avslutats (${r.sessionsEnded} sessioner i säkerhetskopian): alla måste logga in igen. / ` +
            `All sign-ins have ended (${r.sessionsEnded} sessions in the backup): everyone must sign in again.`,
        );
        const valid = r.apiTokens.valid;
        env.out(
          `API-token: ${r.apiTokens.total} återställda, ${valid.length} giltiga. En administratör bör granska dem: en token som ` +
            `återkallats efter säkerhetskopian är giltig igen. / API tokens: ${r.apiTokens.total} restored, ${valid.length} valid. ` +
            `An administrator should review them: a token revoked after the backup is valid again.`,
        );
        // A token's name is the owner's text: control characters are not sent to the terminal.
        // eslint-disable-next-line no-control-regex
        const shown = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
        for (const t of valid.slice(0, 50)) env.out(`  ${shown(t.owner)}: "${shown(t.name)}" (tlt_${t.prefix}_…, giltig till/valid until ${t.expiresAt.slice(0, 10)})`);
        if (valid.length > 50) env.out(`  … ${valid.length - 50} till / more`);
      });
    },
  },
  {
    name: 'demo',
    usage: 'tillit demo',
    summary: 'Lägg in Stockholms demodata / load the Stockholm demo data',
    async run(args, env) {
      parse(args, {}, [], this.usage);
      const lines = await withDatabase(env, (_db, ctx) => runDemo(ctx));
      for (const l of lines) env.out(l);
    },
  },
];
