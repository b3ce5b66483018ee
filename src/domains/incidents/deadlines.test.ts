import { countTitles } from '../../server/platform/attention';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, userWithRoles, type TestServer } from '../../test/harness';
import { createGroup } from '../org/groups';
import { readMail, smtpServer, type SmtpTestServer } from '../../test/smtp';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { overdueSql } from './dto';
import { DeadlineItemDto } from './contract';
import { sendDeadlineReminders } from './reminders';

async function remindersSent(): Promise<number> {
  const r = await t.database.db.execute(sql`select count(*)::int as n from incident_reminders_sent`);
  return Number(((r as { rows?: { n: number }[] }).rows ?? (r as unknown as { n: number }[]))[0].n);
}

let t: TestServer;
let isam: Client;
let smtp: SmtpTestServer;
const HOUR = 3_600_000;
const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d).replace(' ', 'T');

beforeAll(async () => {
  smtp = await smtpServer();
  t = await startTestServer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: 'tillit@test.se' });
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['avd', 'avdelning', 'forv']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => smtp.server.close(r));
});

describe('deadlines, attention and reminders', () => {
  it('lists running clocks nearest first, warns on the start page, and e-mails once per threshold', async () => {
    const now = Date.now();
    // 72 h clock with 20 h left (due_soon), 24 h NIS2 clock with 4 h left (critical), and an overdue one.
    const a = await isam.post('/api/incidents', { org: 'avd', title: 'PU-incident', personalData: 'ja', discoveredAt: local(new Date(now - 52 * HOUR)) });
    const b = await isam.post('/api/incidents', { org: 'avd', title: 'NIS2-incident', nis2Significant: true, discoveredAt: local(new Date(now - 20 * HOUR)) });
    const c = await isam.post('/api/incidents', { org: 'avd', title: 'Sen PU-incident', kind: 'Personuppgiftsincident', discoveredAt: local(new Date(now - 80 * HOUR)) });
    await isam.post('/api/incidents', { org: 'avd', title: 'Ingen risk', personalData: 'ja', riskAssessment: 'ingen_trolig_risk', assessmentText: 'Uppgifterna nådde ingen obehörig.', discoveredAt: local(new Date(now - 80 * HOUR)) });
    for (const r of [a, b, c]) expect(r.status).toBe(201);

    const list = await isam.get('/api/incidents/deadlines?org=forv');
    expect(list.status).toBe(200);
    // The OpenAPI schema says exactly what is answered: no field more, none missing.
    for (const item of list.body.items) expect(DeadlineItemDto.strict().safeParse(item).error).toBeUndefined();
    const deadlines = list.body.items.map((i: { deadline: string }) => Date.parse(i.deadline));
    expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
    expect(list.body.items[0]).toMatchObject({ incidentId: c.body.id, clock: 'gdpr33', state: 'overdue' });
    expect(list.body.items.find((i: { clock: string }) => i.clock === 'nis2_early')).toMatchObject({ incidentId: b.body.id, state: 'critical' });
    expect(list.body.items.find((i: { incidentId: string }) => i.incidentId === a.body.id)).toMatchObject({ clock: 'gdpr33', state: 'due_soon' });
    expect(list.body.items.some((i: { title: string }) => i.title === 'Ingen risk')).toBe(false);

    const attention = await isam.get('/api/attention');
    const byKey = Object.fromEntries(attention.body.items.map((i: { key: string; count: number; severity: string }) => [i.key, i]));
    expect(byKey['incidents.clocks.overdue']).toMatchObject({ count: 1, severity: 'critical', title_sv: 'En lagstadgad tidsfrist har passerats (IMY/CSIRT)', title_en: 'One legal deadline has passed (IMY/CSIRT)' });
    expect(countTitles(4010, { one: 'En', many: 'tidsfrister' }, { one: 'One', many: 'deadlines' })).toEqual({ title_sv: '4\u00a0010 tidsfrister', title_en: '4\u00a0010 deadlines' });
    expect(byKey['incidents.clocks.6h']).toMatchObject({ count: 1, severity: 'critical' });
    // gdpr33 of a (20 h left) and nis2 notification… of b (52 h left, ok): one due within 24 h.
    expect(byKey['incidents.clocks.24h']).toMatchObject({ count: 1, severity: 'warning' });
    // The legal deadlines come first on the start page, before any routine item.
    for (const k of ['incidents.clocks.overdue', 'incidents.clocks.6h', 'incidents.clocks.24h']) expect(byKey[k].priority, k).toBe(0);
    expect(attention.body.items.slice(0, 3).map((i: { key: string }) => i.key)).toEqual(['incidents.clocks.6h', 'incidents.clocks.overdue', 'incidents.clocks.24h']);
    expect(byKey['incidents.new'].priority).toBeUndefined();
    // The four reports above are Rapporterad with no handler: new reports waiting for triage.
    expect(byKey['incidents.new']).toMatchObject({ count: 4, severity: 'info', title_sv: '4 nya incidentrapporter väntar på registrering', link: '/incidenter?status=Rapporterad&handlaggare=ingen&alla=1' });
    // The NIS2 incident and the late one (its type alone makes it a breach) were registered without an answer about
    // personal data ('vet ej'): to be decided, since art. 33's 72 hours count from discovery. The link opens the list
    // as counted.
    const open = encodeURIComponent('Rapporterad,Under registrering,Under utredning,Under åtgärd');
    expect(byKey['incidents.personalData.undecided']).toMatchObject({
      count: 2, severity: 'warning', link: `/incidenter?personalData=vet_ej&status=${open}&alla=1`,
      title_sv: '2 öppna incidenter där det inte är avgjort om personuppgifter berörs: avgör det, för en personuppgiftsincident räknas 72 timmar från upptäckten',
    });
    const undecided = (await isam.get(`/api/incidents?personalData=vet_ej&status=${open}`)).body.items.map((i: { id: string }) => i.id);
    expect(undecided.sort()).toEqual([b.body.id, c.body.id].sort());
    // A report nobody picked up two years ago still waits: it counts (it used to drop out after 90 days).
    await t.database.db.execute(sql`update incidents set reported_at = reported_at - interval '730 days' where id = ${c.body.id}`);
    const aged = Object.fromEntries((await isam.get('/api/attention')).body.items.map((i: { key: string; count: number }) => [i.key, i.count]));
    expect(aged['incidents.new']).toBe(4);

    const first = await sendDeadlineReminders(t.ctx);
    expect(first).toMatchObject({ configured: true, failed: 0 });
    expect(first.sent).toBe(3);
    expect(smtp.mails).toHaveLength(3);
    expect(smtp.mails.every((m) => m.to.includes('isam@test.se'))).toBe(true);
    expect(smtp.mails.map((m) => m.data).join('\n')).toContain('Tidsfristen');
    const again = await sendDeadlineReminders(t.ctx);
    expect(again.sent).toBe(0);
    expect(smtp.mails).toHaveLength(3);
    // Six hours later a's clock crosses the 6 h threshold: one more reminder, for that threshold only.
    const later = await sendDeadlineReminders(t.ctx, new Date(now + 15 * HOUR));
    expect(later.sent).toBe(2); // a crosses 6 h left, b's early warning becomes overdue
    expect(smtp.mails.length).toBe(3 + later.sent);
  });

  it('judges the NIS2 final report overdue in SQL as the clocks do, also in the hour the clocks go back', async () => {
    // Notification 2026-09-25 02:30 CEST: the report is due 2026-10-25 02:30, the first time Stockholm passes it (00:30Z).
    const c = await isam.post('/api/incidents', { org: 'avd', title: 'NIS2 höst', nis2Significant: true, discoveredAt: '2026-09-24T10:00' });
    expect(c.status).toBe(201);
    const r = await isam.patch(`/api/incidents/${c.body.id}`, { version: c.body.version, csirtEarlyWarningAt: '2026-09-24T20:00', csirtNotificationAt: '2026-09-25T02:30' });
    expect([r.status, r.body.detail_sv]).toEqual([200, undefined]);
    const overdueAt = async (iso: string) => {
      const x = await t.database.db.execute(sql`select ${overdueSql(new Date(iso))} as overdue from incidents where id = ${r.body.id}`);
      return ((x as { rows?: { overdue: boolean }[] }).rows ?? (x as unknown as { overdue: boolean }[]))[0].overdue;
    };
    expect(await overdueAt('2026-10-25T00:15:00Z')).toBe(false);
    expect(await overdueAt('2026-10-25T00:45:00Z')).toBe(true); // between the two 02:30s: already late
    expect(r.body.clocks.find((c: { key: string }) => c.key === 'nis2_final').deadline).toBe('2026-10-25T00:30:00.000Z');
  });

  it('holds no lock while the mail server is silent: audited writes go on, and the reminder is tried again later', async () => {
    // A mail server that accepts the connection and never greets.
    // Once the write is through it hangs up on every connection, so the round's later reminders fail at once rather
    // than each waiting out the greeting timeout.
    const sockets = new Set<Socket>();
    let hangUp = false;
    const silent = createServer((sock) => (hangUp ? sock.destroy() : sockets.add(sock)));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    const ctx = { ...t.ctx, config: { ...t.ctx.config, smtpUrl: `smtp://127.0.0.1:${port}` } };
    await isam.post('/api/incidents', { org: 'avd', title: 'Väntar på tyst server', personalData: 'ja', discoveredAt: local(new Date(Date.now() - 70 * HOUR)) });
    const sentBefore = await remindersSent();
    const round = sendDeadlineReminders(ctx);
    while (sockets.size === 0) await new Promise((r) => setTimeout(r, 20));
    // The round now waits for the greeting. An audited write (it takes the audit chain's lock) is not held up.
    const write = isam.post('/api/incidents', { org: 'avd', title: 'Skrivs medan påminnelsen väntar', personalData: 'nej' });
    const first = await Promise.race([write.then(() => 'write'), round.then(() => 'round')]);
    expect(first).toBe('write');
    expect((await write).status).toBe(201);
    hangUp = true;
    for (const sock of sockets) sock.destroy();
    const result = await round;
    expect(result.failed).toBeGreaterThan(0);
    // Nothing is recorded as sent for a failed send: the next round tries again.
    expect(await remindersSent()).toBe(sentBefore + result.sent);
    await new Promise((r) => silent.close(r));
  });

  it('reminds a DSO who manages incidents through a samverkansgrupp, not only roles held on an organisation', async () => {
    // A second förvaltning whose only incident manager is a DSO shared through a group (the "trillingen" set-up).
    await makeOrgs(t.ctx, [['forv2', 'forvaltning', 'stad'], ['avd2', 'avdelning', 'forv2']]);
    await createGroup(t.ctx, { slug: 'trio', name: 'Trio', members: ['forv2'] });
    const { client: dso } = await userWithRoles(t, 'dso@test.se', [{ role: 'dso', group: 'trio' }]);
    const r = await dso.post('/api/incidents', { org: 'avd2', title: 'PU-incident hos forv2', personalData: 'ja', discoveredAt: local(new Date(Date.now() - 60 * HOUR)) });
    expect(r.status).toBe(201);
    const before = smtp.mails.length;
    const round = await sendDeadlineReminders(t.ctx);
    expect(round.failed).toBe(0);
    // The incident has no handler and forv2 no manager of its own: the DSO is the one to tell (the test above's
    // isam manages forv only and is not told).
    const sent = smtp.mails.slice(before).filter((m) => m.data.includes(r.body.number));
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual(['dso@test.se']);
  });

  it('keeps art. 34 (an internal 72 h target, not a legal deadline) out of the legal counts and "försenad" wording', async () => {
    await makeOrgs(t.ctx, [['forv34', 'forvaltning', 'stad']]);
    const dso34 = await userWithRole(t, 'isam34@test.se', 'isam', 'forv34');
    const c = await dso34.post('/api/incidents', { org: 'forv34', title: 'Hög risk, ej informerade', kind: 'Personuppgiftsincident', riskAssessment: 'hog_risk', discoveredAt: local(new Date(Date.now() - 80 * HOUR)) });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const r = await dso34.patch(`/api/incidents/${c.body.id}`, { version: c.body.version, imyReportedAt: local(new Date(Date.now() - 60 * HOUR)) });
    expect(r.body.clocks.find((x: { key: string }) => x.key === 'gdpr34')).toMatchObject({ state: 'overdue', legal: false, label_sv: 'Information till de registrerade utan onödigt dröjsmål (art. 34, internt mål 72 h)' });
    const items = (await dso34.get('/api/attention')).body.items as { key: string; count: number; severity: string; title_sv: string }[];
    expect(items.find((i) => i.key === 'incidents.clocks.overdue')).toBeUndefined();
    expect(items.find((i) => i.key === 'incidents.clocks.art34')).toMatchObject({ count: 1, severity: 'warning', title_sv: 'En personuppgiftsincident med hög risk: informera de registrerade utan onödigt dröjsmål (art. 34)' });
    expect(items.find((i) => i.key === 'incidents.clocks.art34')).not.toHaveProperty('priority');
    expect((await dso34.get('/api/incidents/deadlines?org=forv34')).body.items).toMatchObject([{ clock: 'gdpr34', state: 'overdue', legal: false }]);

    const before = smtp.mails.length;
    await sendDeadlineReminders(t.ctx);
    const mails = smtp.mails.slice(before).filter((m) => m.data.includes(r.body.number));
    expect(mails).toHaveLength(1);
    const mail = readMail(mails[0].data);
    expect(mail.subject).toContain('Information till de registrerade utan onödigt dröjsmål (art. 34, internt mål 72 h) – internt mål passerat');
    expect(mail.text).toContain('Det interna målet passerades');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/försenad|Tidsfristen/i);
  });

  it('is off when no SMTP server is configured', async () => {
    expect(await sendDeadlineReminders({ ...t.ctx, config: { ...t.ctx.config, smtpUrl: undefined } })).toEqual({ configured: false, sent: 0, failed: 0 });
  });
});
