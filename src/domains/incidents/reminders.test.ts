import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../server/platform/config';
import { parseInstant } from '../../server/platform/time';
import { Client, makeOrgs, startTestServer, userWithRole, userWithRoles, type TestServer } from '../../test/harness';
import { readMail, smtpServer, type SmtpTestServer } from '../../test/smtp';
import { reminderMail } from './reminder-mail';
import { REMINDER_OVERDUE_CUTOFF_DAYS, sendDeadlineReminders } from './reminders';
import { incidentRemindersSent } from './table';

const HOUR = 3_600_000;
const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d).replace(' ', 'T');

describe('a reminder e-mail', () => {
  const incident = { id: '0190b7a0-0000-7000-8000-000000000001', number: 'AV-2026-0007', title: 'Journal till fel mottagare', protectedIdentity: false };
  const clock = { key: 'gdpr33' as const, deadline: parseInstant('2026-03-05T10:00')!, legal: true };

  it('writes the time left as sv-SE does ("24 h kvar", "6 h kvar") and a legal deadline passed as "försenad"', () => {
    expect(reminderMail(incident, clock, '24h').subject).toBe('[Tillit] AV-2026-0007: Anmälan till IMY (art. 33, 72 h) – 24 h kvar');
    expect(reminderMail(incident, clock, '6h').subject).toBe('[Tillit] AV-2026-0007: Anmälan till IMY (art. 33, 72 h) – 6 h kvar');
    const late = reminderMail(incident, clock, 'overdue');
    expect(late.subject).toBe('[Tillit] AV-2026-0007: Anmälan till IMY (art. 33, 72 h) – försenad');
    expect(late.text).toContain('Tidsfristen passerades 2026-03-05 10:00 (svensk tid).');
    expect(late.text).toContain('Incident AV-2026-0007: Journal till fel mottagare');
  });

  it('links to the incident when the public address is set, and not otherwise', () => {
    expect(reminderMail(incident, clock, '24h', 'https://tillit.kommun.se').text).toContain(`Öppna incidenten: https://tillit.kommun.se/incidenter/${incident.id}`);
    expect(reminderMail(incident, clock, '24h').text).not.toContain('http');
    // The address is kept in the configuration without a trailing slash.
    expect(loadConfig({ TILLIT_PUBLIC_URL: 'https://tillit.kommun.se/' }).publicUrl).toBe('https://tillit.kommun.se');
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it('never carries the title of an incident touching protected identities', () => {
    const mail = reminderMail({ ...incident, protectedIdentity: true }, clock, '6h', 'https://tillit.kommun.se');
    expect(mail.subject).toBe('[Tillit] Skyddad incident AV-2026-0007: Anmälan till IMY (art. 33, 72 h) – 6 h kvar');
    expect(mail.text).toContain('Skyddad incident AV-2026-0007');
    expect(`${mail.subject}${mail.text}`).not.toContain(incident.title);
  });
});

describe('reminder rounds', () => {
  let t: TestServer;
  let smtp: SmtpTestServer;
  let isam: Client;
  let handlerId: string;

  beforeAll(async () => {
    smtp = await smtpServer();
    t = await startTestServer({ smtpUrl: smtp.url, mailFrom: 'tillit@test.se' });
    await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['avd', 'avdelning', 'forv'], ['annan', 'forvaltning', 'stad']]);
    isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
    await userWithRole(t, 'dso@test.se', 'dso', 'stad');
    await userWithRole(t, 'isam-annan@test.se', 'isam', 'annan');
    ({ userId: handlerId } = await userWithRoles(t, 'handlaggare@test.se', [{ role: 'dataskyddshandlaggare', org: 'avd' }]));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const create = async (body: Record<string, unknown>) => {
    const r = await isam.post('/api/incidents', { org: 'avd', kind: 'Personuppgiftsincident', personalData: 'ja', ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; number: string; version: number };
  };
  const mailsAbout = (number: string, from = 0) => smtp.mails.slice(from).filter((m) => readMail(m.data).subject.includes(number));

  it('tells the handler alone at 24 h, and the DSO and ISAM of the organisation or above too at 6 h and overdue', async () => {
    const now = Date.now();
    const i = await create({ title: 'Med handläggare', handlerId, discoveredAt: local(new Date(now - 50 * HOUR)) });
    await sendDeadlineReminders(t.ctx, new Date(now));
    expect(mailsAbout(i.number).map((m) => m.to)).toEqual([['handlaggare@test.se']]);
    const before = smtp.mails.length;
    await sendDeadlineReminders(t.ctx, new Date(now + 18 * HOUR));
    // The ISAM of another förvaltning is not told.
    expect(mailsAbout(i.number, before).map((m) => m.to)).toEqual([['dso@test.se', 'handlaggare@test.se', 'isam@test.se']]);
    const later = smtp.mails.length;
    await sendDeadlineReminders(t.ctx, new Date(now + 23 * HOUR));
    expect(mailsAbout(i.number, later).map((m) => m.to)).toEqual([['dso@test.se', 'handlaggare@test.se', 'isam@test.se']]);
    expect(readMail(mailsAbout(i.number, later)[0].data).subject).toContain('– försenad');
  });

  it(`sends nothing for a deadline passed more than ${REMINDER_OVERDUE_CUTOFF_DAYS} days ago (SMTP switched on, or IA's history imported)`, async () => {
    const now = Date.now();
    const old = await create({ title: 'Gammal', discoveredAt: local(new Date(now - 72 * HOUR - 8 * 24 * HOUR)) });
    const recent = await create({ title: 'Nyss', discoveredAt: local(new Date(now - 72 * HOUR - 6 * 24 * HOUR)) });
    const before = smtp.mails.length;
    await sendDeadlineReminders(t.ctx, new Date(now));
    expect(mailsAbout(old.number, before)).toHaveLength(0);
    expect(mailsAbout(recent.number, before)).toHaveLength(1);
    // Still on the deadline list.
    const list = await isam.get('/api/incidents/deadlines?org=forv');
    expect(list.body.items.map((d: { incidentId: string }) => d.incidentId)).toContain(old.id);
  });

  it('reminds again when the deadline moves (the discovery time corrected), once per deadline', async () => {
    const now = Date.now();
    const i = await create({ title: 'Rättad upptäckt', discoveredAt: local(new Date(now - 50 * HOUR)) });
    await sendDeadlineReminders(t.ctx, new Date(now));
    expect(mailsAbout(i.number)).toHaveLength(1);
    const cur = (await isam.get(`/api/incidents/${i.id}`)).body;
    const moved = await isam.patch(`/api/incidents/${i.id}`, { version: cur.version, discoveredAt: local(new Date(now - 53 * HOUR)) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await sendDeadlineReminders(t.ctx, new Date(now));
    await sendDeadlineReminders(t.ctx, new Date(now));
    expect(mailsAbout(i.number)).toHaveLength(2);
    const rows = await t.database.db.select().from(incidentRemindersSent).where(eq(incidentRemindersSent.incidentId, i.id));
    expect(rows.map((r) => [r.threshold, r.deadline.toISOString()]).sort()).toEqual([
      ['24h', moved.body.clocks[0].deadline],
      ['24h', cur.clocks[0].deadline],
    ].sort());
  });

  it('leaves the title of a protected incident out of the mail and links to it when the public address is set', async () => {
    const i = await create({ title: 'Skyddad adress röjd', protectedIdentity: true, discoveredAt: local(new Date(Date.now() - 70 * HOUR)) });
    const before = smtp.mails.length;
    await sendDeadlineReminders({ ...t.ctx, config: { ...t.ctx.config, publicUrl: 'https://tillit.kommun.se' } });
    const [mail] = mailsAbout(i.number, before).map((m) => readMail(m.data));
    expect(mail.subject).toBe(`[Tillit] Skyddad incident ${i.number}: Anmälan till IMY (art. 33, 72 h) – 6 h kvar`);
    expect(mail.text).toContain(`https://tillit.kommun.se/incidenter/${i.id}`);
    expect(`${mail.subject}${mail.text}`).not.toContain('Skyddad adress röjd');
  });
});
