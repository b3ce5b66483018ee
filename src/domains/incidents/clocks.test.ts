import { describe, expect, it } from 'vitest';
import { clocksFor, stateFor, type ClockInput } from './clocks';
import { formatLocal, parseInstant } from '../../server/platform/time';

const HOUR = 3_600_000;
const local = (s: string) => parseInstant(s)!;
const base: ClockInput = {
  status: 'Under utredning', kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: null,
  discoveredAt: null, reportedAt: local('2025-06-01T12:00'), reportedToImy: false, imyReportedAt: null, subjectsInformedAt: null,
  nis2Significant: false, csirtEarlyWarningAt: null, csirtNotificationAt: null, csirtFinalReportAt: null, art34Exemption: null,
};

describe('legal clocks', () => {
  it('GDPR art. 33: 72 real hours from discovery, across the spring DST change (2025-03-30)', () => {
    const discovered = local('2025-03-29T10:00');
    const [c] = clocksFor({ ...base, discoveredAt: discovered }, local('2025-03-29T12:00'));
    expect(c.key).toBe('gdpr33');
    expect(c.deadline.getTime() - discovered.getTime()).toBe(72 * HOUR);
    // The clock springs forward: 72 h later is 11:00 local, not 10:00.
    expect(formatLocal(c.deadline)).toBe('2025-04-01 11:00');
  });

  it('across the autumn DST change (2025-10-26) the wall-clock deadline is an hour earlier', () => {
    const discovered = local('2025-10-25T10:00');
    const [c] = clocksFor({ ...base, discoveredAt: discovered }, discovered);
    expect(c.deadline.getTime() - discovered.getTime()).toBe(72 * HOUR);
    expect(formatLocal(c.deadline)).toBe('2025-10-28 09:00');
  });

  it('falls back to the report time when discovery is unknown, and says so on the clock', () => {
    const [c] = clocksFor(base, base.reportedAt);
    expect(c.deadline.getTime()).toBe(base.reportedAt.getTime() + 72 * HOUR);
    expect(c.fromReport).toBe(true);
    expect(clocksFor({ ...base, discoveredAt: local('2025-06-01T08:00') }, base.reportedAt)[0].fromReport).toBe(false);
    // NIS2's final report counts from the notification once it is sent, whatever the discovery time.
    const nis = { ...base, reportedAt: local('2026-03-01T12:00'), kind: 'IT-säkerhet', personalData: 'nej', nis2Significant: true };
    const tags = (i: ClockInput) => clocksFor(i, local('2026-03-05T12:00')).map((x) => [x.key, x.fromReport]);
    expect(tags(nis)).toEqual([['nis2_early', true], ['nis2_notification', true], ['nis2_final', true]]);
    expect(tags({ ...nis, csirtNotificationAt: local('2026-03-03T12:00') })).toEqual([['nis2_early', true], ['nis2_notification', true], ['nis2_final', false]]);
  });

  it('no IMY clock when assessed ingen_trolig_risk or not a breach; done when reported', () => {
    expect(clocksFor({ ...base, riskAssessment: 'ingen_trolig_risk' }, base.reportedAt)).toEqual([]);
    expect(clocksFor({ ...base, kind: 'IT-säkerhet', personalData: 'nej' }, base.reportedAt)).toEqual([]);
    const imyAt = local('2025-06-02T09:00');
    const [c] = clocksFor({ ...base, reportedToImy: true, imyReportedAt: imyAt }, local('2025-06-10T00:00'));
    expect(c.state).toBe('done');
    expect(c.metAt).toEqual(imyAt);
  });

  it('states by remaining time: ok, due_soon < 24 h, critical < 6 h, overdue', () => {
    const d = local('2025-06-04T12:00');
    expect(stateFor(d, new Date(d.getTime() - 25 * HOUR))).toBe('ok');
    expect(stateFor(d, new Date(d.getTime() - 23 * HOUR))).toBe('due_soon');
    expect(stateFor(d, new Date(d.getTime() - 5 * HOUR))).toBe('critical');
    expect(stateFor(d, new Date(d.getTime() + 1))).toBe('overdue');
    const [c] = clocksFor(base, new Date(base.reportedAt.getTime() + 70 * HOUR));
    expect(c.state).toBe('critical');
    expect(c.remainingMs).toBe(2 * HOUR);
  });

  it('art. 34 only for hög risk, met when the subjects are informed', () => {
    const keys = clocksFor({ ...base, riskAssessment: 'hog_risk' }, base.reportedAt).map((c) => c.key);
    expect(keys).toEqual(['gdpr33', 'gdpr34']);
    const informed = clocksFor({ ...base, riskAssessment: 'hog_risk', subjectsInformedAt: local('2025-06-02T08:00') }, base.reportedAt);
    expect(informed.find((c) => c.key === 'gdpr34')!.state).toBe('done');
    expect(clocksFor({ ...base, riskAssessment: 'risk' }, base.reportedAt).map((c) => c.key)).toEqual(['gdpr33']);
  });

  it('art. 34 ends with an art. 34.3 exemption: met, no time, the reason kept; informing wins over the reason', () => {
    const exempt = clocksFor({ ...base, riskAssessment: 'hog_risk', art34Exemption: 'b' }, base.reportedAt).find((c) => c.key === 'gdpr34')!;
    expect(exempt).toMatchObject({ state: 'done', met: true, metAt: null, exemption: 'b', remainingMs: null });
    const informedAt = local('2025-06-02T08:00');
    const both = clocksFor({ ...base, riskAssessment: 'hog_risk', art34Exemption: 'b', subjectsInformedAt: informedAt }, base.reportedAt).find((c) => c.key === 'gdpr34')!;
    expect(both).toMatchObject({ met: true, metAt: informedAt, exemption: null });
    // The reason does not touch art. 33.
    expect(clocksFor({ ...base, riskAssessment: 'hog_risk', art34Exemption: 'b' }, base.reportedAt)[0]).toMatchObject({ key: 'gdpr33', met: false });
  });

  it('NIS2: 24 h early warning, 72 h notification, final report one calendar month after the notification (Stockholm)', () => {
    const discovered = local('2026-10-24T10:00');
    const input = { ...base, kind: 'IT-säkerhet', personalData: 'nej', nis2Significant: true, discoveredAt: discovered };
    const cs = clocksFor(input, discovered);
    const by = Object.fromEntries(cs.map((c) => [c.key, c]));
    expect(by.nis2_early.deadline.getTime() - discovered.getTime()).toBe(24 * HOUR);
    expect(by.nis2_notification.deadline.getTime() - discovered.getTime()).toBe(72 * HOUR);
    // Notification sent 2026-10-10 12:00 CEST → final report due 2026-11-10 12:00 CET (same local time).
    const sent = { ...input, discoveredAt: local('2026-10-09T12:00'), csirtEarlyWarningAt: local('2026-10-09T20:00'), csirtNotificationAt: local('2026-10-10T12:00') };
    const after = Object.fromEntries(clocksFor(sent, local('2026-10-11T00:00')).map((c) => [c.key, c]));
    expect(after.nis2_early.state).toBe('done');
    expect(after.nis2_notification.state).toBe('done');
    expect(formatLocal(after.nis2_final.deadline)).toBe('2026-11-10 12:00');
    expect(after.nis2_final.deadline.toISOString()).toBe('2026-11-10T11:00:00.000Z');
  });

  it('NIS2 final report falling in the hour the clocks go back: the earlier of the two instants', () => {
    // Notification 2026-09-25 02:30 CEST → due 2026-10-25 02:30, which Stockholm passes twice (00:30Z, then 01:30Z).
    const sent = { ...base, kind: 'IT-säkerhet', personalData: 'nej', nis2Significant: true, discoveredAt: local('2026-09-24T10:00'), csirtEarlyWarningAt: local('2026-09-24T20:00'), csirtNotificationAt: new Date('2026-09-25T00:30:00Z') };
    const final = clocksFor(sent, new Date('2026-10-01T00:00:00Z')).find((c) => c.key === 'nis2_final')!;
    expect(final.deadline.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // Shown, in e-mails, exports and messages as on the page, with the offset that says which 02:30.
    expect(formatLocal(final.deadline)).toBe('2026-10-25 02:30 (+02:00)');
    expect(formatLocal(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25 02:30 (+01:00)');
    expect(formatLocal(new Date('2026-10-25T02:00:00Z'))).toBe('2026-10-25 03:00');
  });

  it('NIS2 clocks only from cybersäkerhetslagen\'s first day (2026-01-15 00:00 Stockholm): by discovery, else the report', () => {
    const nis = { ...base, kind: 'IT-säkerhet', personalData: 'nej', nis2Significant: true };
    const keys = (i: Partial<typeof nis>) => clocksFor({ ...nis, ...i }, local('2026-02-01T00:00')).map((c) => c.key);
    expect(keys({ discoveredAt: local('2026-01-14T23:59'), reportedAt: local('2026-01-16T09:00') })).toEqual([]);
    expect(keys({ discoveredAt: local('2026-01-15T00:00'), reportedAt: local('2026-01-16T09:00') })).toEqual(['nis2_early', 'nis2_notification', 'nis2_final']);
    expect(keys({ discoveredAt: null, reportedAt: local('2026-01-14T23:59') })).toEqual([]);
    expect(keys({ discoveredAt: null, reportedAt: local('2026-01-15T00:00') })).toHaveLength(3);
  });

  it('a closed (Klar) incident has no running clocks', () => {
    const cs = clocksFor({ ...base, status: 'Klar' }, new Date(base.reportedAt.getTime() + 100 * HOUR));
    expect(cs.every((c) => c.state === 'done' && c.metAt === null)).toBe(true);
  });
});

describe('time parsing', () => {
  it('reads local times as Stockholm, keeps explicit zones, rejects nonsense', () => {
    expect(parseInstant('2025-03-29T10:00')!.toISOString()).toBe('2025-03-29T09:00:00.000Z');
    expect(parseInstant('2025-07-01 10:00')!.toISOString()).toBe('2025-07-01T08:00:00.000Z');
    expect(parseInstant('2025-07-01T10:00:00Z')!.toISOString()).toBe('2025-07-01T10:00:00.000Z');
    expect(parseInstant('2025-02-30T10:00')).toBeNull();
    expect(parseInstant('igår')).toBeNull();
  });

  it('refuses the hour skipped in March and reads the repeated October hour as summer time (the earlier instant)', () => {
    expect(parseInstant('2025-03-30T02:30')).toBeNull();
    expect(parseInstant('2025-03-30T03:30')!.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(parseInstant('2025-10-26T02:30')!.toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(parseInstant('2025-10-26T03:30')!.toISOString()).toBe('2025-10-26T02:30:00.000Z');
  });
});
