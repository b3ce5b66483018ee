import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/platform/config';
import { openDatabase } from '../../server/platform/db';
import { startServer } from '../../server/main';
import { Client, emptyPgDatabase, makeOrgs, startTestServer, TEST_DB, userWithRole, type TestServer } from '../../test/harness';
import { smtpServer, type SmtpTestServer } from '../../test/smtp';
import { REMINDER_LOCK_KEY, startReminderSchedule } from './reminder-schedule';
import { incidentRemindersSent } from './table';

let t: TestServer;
let isam: Client;
let smtp: SmtpTestServer;
const HOUR = 3_600_000;
const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d).replace(' ', 'T');

/** A pino logger whose lines the test can read. */
function capturedLog() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  return { lines, log: pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s)) }) };
}

async function waitFor(cond: () => boolean, ms = 10_000) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A personuppgiftsincident whose 72 h clock ran out 8 h ago: one overdue reminder is due. */
async function overdueIncident(title: string): Promise<string> {
  const r = await isam.post('/api/incidents', { org: 'avd', title, kind: 'Personuppgiftsincident', discoveredAt: local(new Date(Date.now() - 80 * HOUR)) });
  expect(r.status).toBe(201);
  return r.body.id;
}

const sentRows = (id: string) => t.database.db.select().from(incidentRemindersSent).where(eq(incidentRemindersSent.incidentId, id));
const mailsAbout = (title: string) => smtp.mails.filter((m) => m.data.includes(title));

beforeAll(async () => {
  smtp = await smtpServer();
  t = await startTestServer({ smtpUrl: smtp.url, mailFrom: 'tillit@test.se' });
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['avd', 'avdelning', 'forv']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('reminders scheduled by the server', () => {
  it('sends a due reminder through SMTP within the first round and records it once', async () => {
    const id = await overdueIncident('Schemalagd-1');
    const { log, lines } = capturedLog();
    const job = startReminderSchedule({ database: t.database, config: t.config, log }, { firstDelayMs: 20, intervalMs: 60_000 })!;
    try {
      await waitFor(() => mailsAbout('Schemalagd-1').length === 1);
      await waitFor(() => lines.some((l) => l.job === 'deadline-reminders' && l.msg.includes('round done')));
      expect(mailsAbout('Schemalagd-1')[0].to).toEqual(['isam@test.se']);
      expect(await sentRows(id)).toHaveLength(1);
      expect(lines.find((l) => l.msg.includes('round done'))).toMatchObject({ level: 30, sent: 1, failed: 0 });
      // A later round finds nothing new: still one mail, one row.
      expect(await job.runNow()).toMatchObject({ status: 'ran', value: { sent: 0, failed: 0 } });
      expect(mailsAbout('Schemalagd-1')).toHaveLength(1);
      expect(await sentRows(id)).toHaveLength(1);
    } finally {
      await job.stop();
    }
  });

  it('two schedulers on the same database send each reminder exactly once in a round', async () => {
    const ids = [await overdueIncident('Tva-1'), await overdueIncident('Tva-2'), await overdueIncident('Tva-3')];
    // On PostgreSQL a second node: its own connection pool to the same database. PGlite is one process.
    const url = (t.database as { url?: string }).url;
    const other = TEST_DB === 'pg' ? await openDatabase({ databaseUrl: url, poolSize: 4 }) : t.database;
    const log = pino({ level: 'silent' });
    const a = startReminderSchedule({ database: t.database, config: t.config, log }, { firstDelayMs: 600_000 })!;
    const b = startReminderSchedule({ database: other, config: t.config, log }, { firstDelayMs: 600_000 })!;
    try {
      const outcomes = await Promise.all([a.runNow(), b.runNow()]);
      const sent = outcomes.map((o) => (o.status === 'ran' ? o.value.sent : 0));
      expect(sent.reduce((x, y) => x + y, 0)).toBe(3);
      expect(outcomes.every((o) => o.status === 'ran' || o.status === 'skipped')).toBe(true);
      for (const [i, id] of ids.entries()) {
        expect(mailsAbout(`Tva-${i + 1}`)).toHaveLength(1);
        expect(await sentRows(id)).toHaveLength(1);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      if (other !== t.database) await other.close();
    }
  });

  it.runIf(TEST_DB === 'pg')('skips the round while another node holds the advisory lock (PostgreSQL)', async () => {
    const id = await overdueIncident('Last-1');
    const holder = new pg.Client({ connectionString: (t.database as { url?: string }).url });
    await holder.connect();
    const job = startReminderSchedule({ database: t.database, config: t.config, log: pino({ level: 'silent' }) }, { firstDelayMs: 600_000 })!;
    try {
      await holder.query('select pg_advisory_lock($1::bigint)', [REMINDER_LOCK_KEY]);
      expect(await job.runNow()).toEqual({ status: 'skipped' });
      expect(mailsAbout('Last-1')).toHaveLength(0);
      expect(await sentRows(id)).toHaveLength(0);
      await holder.query('select pg_advisory_unlock($1::bigint)', [REMINDER_LOCK_KEY]);
      expect(await job.runNow()).toMatchObject({ status: 'ran', value: { sent: 1 } });
      expect(mailsAbout('Last-1')).toHaveLength(1);
      // The lock went back with the connection: the other node can take it now.
      expect((await holder.query('select pg_try_advisory_lock($1::bigint) as ok', [REMINDER_LOCK_KEY])).rows[0].ok).toBe(true);
    } finally {
      await job.stop();
      await holder.end();
    }
  });

  it('is off, and says so once, without SMTP or with interval 0', async () => {
    const id = await overdueIncident('Av-1');
    const noSmtp = capturedLog();
    expect(startReminderSchedule({ database: t.database, config: { ...t.config, smtpUrl: undefined }, log: noSmtp.log }, { firstDelayMs: 10 })).toBeUndefined();
    expect(noSmtp.lines.map((l) => l.msg)).toEqual([expect.stringContaining('TILLIT_SMTP_URL is not set')]);
    const zero = capturedLog();
    expect(startReminderSchedule({ database: t.database, config: { ...t.config, reminderIntervalMinutes: 0 }, log: zero.log }, { firstDelayMs: 10 })).toBeUndefined();
    expect(zero.lines.map((l) => l.msg)).toEqual([expect.stringContaining('interval 0')]);
    await new Promise((r) => setTimeout(r, 200));
    expect(mailsAbout('Av-1')).toHaveLength(0);
    expect(await sentRows(id)).toHaveLength(0);
  });

  it('stops on shutdown: no round after stop()', async () => {
    const id = await overdueIncident('Stopp-1');
    const job = startReminderSchedule({ database: t.database, config: t.config, log: pino({ level: 'silent' }) }, { firstDelayMs: 150, intervalMs: 150 })!;
    await job.stop();
    await new Promise((r) => setTimeout(r, 500));
    expect(await job.runNow()).toEqual({ status: 'stopped' });
    expect(mailsAbout('Stopp-1')).toHaveLength(0);
    expect(await sentRows(id)).toHaveLength(0);
    // The reminder is still due and goes out on the next live round.
    const live = startReminderSchedule({ database: t.database, config: t.config, log: pino({ level: 'silent' }) }, { firstDelayMs: 600_000 })!;
    expect(await live.runNow()).toMatchObject({ status: 'ran', value: { failed: 0 } });
    await live.stop();
    expect(mailsAbout('Stopp-1')).toHaveLength(1);
  });

  it('logs a failing round and keeps going', async () => {
    // A real database without Tillit's tables: every round fails inside the query.
    const bare = await openDatabase({ memory: true });
    const { log, lines } = capturedLog();
    const job = startReminderSchedule({ database: bare, config: t.config, log }, { firstDelayMs: 10, intervalMs: 50 })!;
    try {
      await waitFor(() => lines.filter((l) => l.msg.includes('round failed')).length >= 2);
      expect(lines.find((l) => l.msg.includes('round failed'))).toMatchObject({ level: 50, job: 'deadline-reminders', err: expect.anything() });
    } finally {
      await job.stop();
      await bare.close();
    }
  });
});

describe('TILLIT_REMINDER_INTERVAL_MINUTES', () => {
  it('defaults to 15, accepts 0, and refuses bad values in Swedish and English', () => {
    expect(loadConfig({}).reminderIntervalMinutes).toBe(15);
    expect(loadConfig({ TILLIT_REMINDER_INTERVAL_MINUTES: '0' }).reminderIntervalMinutes).toBe(0);
    expect(loadConfig({ TILLIT_REMINDER_INTERVAL_MINUTES: '5' }).reminderIntervalMinutes).toBe(5);
    for (const bad of ['abc', '-1', '2.5']) {
      expect(() => loadConfig({ TILLIT_REMINDER_INTERVAL_MINUTES: bad })).toThrow(/TILLIT_REMINDER_INTERVAL_MINUTES måste vara ett heltal.*must be a non-negative integer/);
    }
    expect(() => loadConfig({ TILLIT_REMINDER_INTERVAL_MINUTES: '1441' })).toThrow(/får vara högst 1440.*must be at most 1440/);
  });
});

describe('tillit serve', () => {
  it('runs the reminder rounds and stops them on shutdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tillit-serve-'));
    const pgdb = TEST_DB === 'pg' ? await emptyPgDatabase() : undefined;
    const saved = { ...process.env };
    Object.assign(process.env, { HOST: '127.0.0.1', TILLIT_SMTP_URL: smtp.url, TILLIT_DATA_DIR: dir, TILLIT_WEB_DIR: dir, TILLIT_ADMIN_EMAIL: 'admin@test.se', TILLIT_ADMIN_PASSWORD: 'Korrekt-Häst-Batteri-Häftstift' });
    if (pgdb) process.env.DATABASE_URL = pgdb.url;
    else delete process.env.DATABASE_URL;
    try {
      const s = await startServer({ port: 0, reminders: { firstDelayMs: 20, intervalMs: 60_000 } });
      expect(s.reminders).toBeDefined();
      const started = Date.now();
      await s.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await s.reminders!.runNow()).toEqual({ status: 'stopped' });
    } finally {
      process.env = saved;
      await pgdb?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
