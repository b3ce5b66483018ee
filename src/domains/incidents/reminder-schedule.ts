import type { Logger } from 'pino';
import type { Config } from '../../server/platform/config';
import { systemCtx } from '../../server/platform/context';
import type { Database } from '../../server/platform/db';
import { startJob, type Job } from '../../server/platform/scheduler';
import { sendDeadlineReminders, type ReminderResult } from './reminders';

/** Advisory-lock key of a reminder round (727170001 migrations, 727170002 audit chain). */
export const REMINDER_LOCK_KEY = 727170003;

export interface ReminderScheduleOptions {
  /** Delay before the first round (default 10 s after start). */
  firstDelayMs?: number;
  /** Overrides config.reminderIntervalMinutes (tests). */
  intervalMs?: number;
}

/**
 * The server's own deadline-reminder rounds (what `tillit incidents remind` does once), every
 * TILLIT_REMINDER_INTERVAL_MINUTES when TILLIT_SMTP_URL is set. With several app nodes on one PostgreSQL
 * database one node sends per round (advisory lock); the others skip it. Returns undefined when off, and says
 * so once in the log.
 */
export function startReminderSchedule(
  base: { database: Database; config: Config; log: Logger },
  opts: ReminderScheduleOptions = {},
): Job<ReminderResult> | undefined {
  const { database, config, log } = base;
  if (!config.smtpUrl) {
    log.info('Påminnelser om tidsfrister är av: TILLIT_SMTP_URL är inte satt / deadline reminders off: TILLIT_SMTP_URL is not set');
    return undefined;
  }
  const intervalMs = opts.intervalMs ?? config.reminderIntervalMinutes * 60_000;
  if (intervalMs <= 0) {
    log.info('Påminnelser om tidsfrister är av: TILLIT_REMINDER_INTERVAL_MINUTES=0 / deadline reminders off: interval 0');
    return undefined;
  }
  log.info({ intervalMinutes: intervalMs / 60_000 }, 'Påminnelser om tidsfrister skickas av servern / deadline reminders run in the server');
  const ctx = systemCtx({ db: database.db, config, log }, 'system:påminnelser');
  return startJob({
    name: 'deadline-reminders',
    database,
    log,
    lockKey: REMINDER_LOCK_KEY,
    firstDelayMs: opts.firstDelayMs ?? 10_000,
    intervalMs,
    run: (signal) => sendDeadlineReminders({ ...ctx, requestId: `reminders-${Date.now()}` }, new Date(), { signal }),
    describe: (r) => ({ notable: r.sent > 0 || r.failed > 0, fields: { sent: r.sent, failed: r.failed } }),
  });
}
