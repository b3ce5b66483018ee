import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { openDatabase } from './platform/db';
import { createApp } from './app';
import { loadDomains } from './platform/modules';
import { ensureAdmin } from '../domains/users/auth';
import { enableSessionCache } from '../domains/users/resolve';
import { startReminderSchedule, type ReminderScheduleOptions } from '../domains/incidents/reminder-schedule';
import { startSearchIndexer } from '../domains/incidents/search-index';
import { keepConnectionsAlive } from './platform/keepalive';

/** Starts the HTTP server: open the database, migrate, ensure an admin, listen, schedule the reminder rounds and the search indexer. */
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
    keepConnectionsAlive(server);
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
  const searchIndexer = startSearchIndexer({ database, log });
  let stopping = false;
  const deadlineMs = config.shutdownSeconds * 1000;
  const http = server as unknown as Partial<Pick<Server, 'closeIdleConnections' | 'closeAllConnections'>>;
  /**
   * Stops accepting, closes idle keep-alive connections at once, lets requests in progress finish for up to
   * TILLIT_SHUTDOWN_SECONDS and then closes their connections too (a client that never finishes its request
   * must not keep the process alive), then lets go of the database. Resolves false if the database would not
   * close within a few seconds more.
   */
  const stop = async (): Promise<boolean> => {
    if (stopping) return true;
    stopping = true;
    log.info({ deadlineSeconds: config.shutdownSeconds }, 'Stänger / shutting down');
    const closed = new Promise<void>((r) => server.close(() => r()));
    http.closeIdleConnections?.();
    // A keep-alive connection whose request finishes during the grace period is closed as soon as it is idle.
    const idle = setInterval(() => http.closeIdleConnections?.(), 250);
    const force = setTimeout(() => {
      log.warn({ deadlineSeconds: config.shutdownSeconds }, 'Avbryter pågående anslutningar / closing connections still open (TILLIT_SHUTDOWN_SECONDS)');
      http.closeAllConnections?.();
    }, deadlineMs);
    try {
      await Promise.all([reminders?.stop(Math.min(5000, deadlineMs)), searchIndexer.stop(Math.min(5000, deadlineMs)), closed]);
    } finally {
      clearInterval(idle);
      clearTimeout(force);
    }
    let timer: NodeJS.Timeout | undefined;
    const release = (async () => {
      await (await stopCache)();
      await database.close();
      return true;
    })();
    const done = await Promise.race([release, new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 5000)))]);
    clearTimeout(timer);
    if (!done) log.error('Databasen stängdes inte inom 5 s / the database did not close within 5 s');
    return done;
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      stop().then(
        (ok) => process.exit(ok ? 0 : 1),
        (err: unknown) => {
          log.error({ err }, 'Stängningen misslyckades / shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { server, stop, database, port, reminders, searchIndexer };
}
