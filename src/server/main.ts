import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { openDatabase } from './platform/db';
import { createApp } from './app';
import { loadDomains } from './platform/modules';
import { ensureAdmin } from '../domains/users/auth';
import { enableSessionCache } from '../domains/users/resolve';
import { startReminderSchedule, type ReminderScheduleOptions } from '../domains/incidents/reminder-schedule';

/** Starts the HTTP server: open the database, migrate, ensure an admin, listen, schedule the reminder rounds. */
export async function startServer(opts: { port?: number; reminders?: ReminderScheduleOptions } = {}) {
  const started = performance.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // Load the domains' modules while the database opens (PGlite compiles its WASM off the main thread).
  const domains = loadDomains();
  domains.catch(() => {});
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  let sessionCache: Promise<() => Promise<void>> | undefined;
  const port = opts.port ?? config.port;
  const ready = (async () => {
    await domains;
    await database.migrate();
    await ensureAdmin(database.db, config, log);
    const { app } = await createApp({ database, config, log });
    // Not awaited: until its listener is connected the cache simply holds nothing.
    sessionCache = enableSessionCache(database, config.sessionCacheSeconds).catch((err: unknown) => {
      log.warn({ err }, 'Sessionscachen är av / session cache off');
      return async () => {};
    });
    const server = serve({ fetch: app.fetch, port, hostname: config.host });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(err.code === 'EADDRINUSE'
          ? new ConfigError(`Porten ${port} används redan av ett annat program (PORT / --port).`, `Port ${port} is already in use by another program (PORT / --port).`)
          : err),
      );
    });
    return server;
  })();
  // A start that fails (a refused TILLIT_ADMIN_PASSWORD, a failed migration, a port in use) lets go of the
  // database and its listener at once, so the process ends instead of waiting on open connections.
  const server = await ready.catch(async (err: unknown) => {
    await (await sessionCache)?.();
    await database.close();
    throw err;
  });
  const stopCache = sessionCache!;
  log.info({ port, database: database.where, readyMs: Math.round(performance.now() - started) }, `Tillit lyssnar på http://localhost:${port}`);
  const reminders = startReminderSchedule({ database, config, log }, opts.reminders);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log.info('Stänger / shutting down');
    await Promise.all([reminders?.stop(), new Promise<void>((r) => server.close(() => r()))]);
    await (await stopCache)();
    await database.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void stop().then(() => process.exit(0));
    });
  }
  return { server, stop, database, port, reminders };
}
