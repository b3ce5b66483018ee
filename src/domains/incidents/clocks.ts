import { addMonthsLocal } from '../../server/platform/time';

/**
 * Legal clocks of an incident, pure (no database, no "now" of its own):
 * - gdpr33: personal-data breach not assessed "ingen_trolig_risk" → notify IMY within 72 h of discovery
 *   (fallback: the report time). Met when reported to IMY.
 * - gdpr34: risk assessed "hog_risk" → inform the data subjects. The article says "without undue delay";
 *   Tillit uses the same 72 h as its internal target (LEGAL_DEADLINE: not a legal deadline). Met when subjectsInformedAt is set, or when the breach record gives an
 *   art. 34.3 reason (a, b or c) why they need not be informed: the duty then ends, the reason kept on the clock.
 * - nis2_early / nis2_notification: significant incident (NIS2 art. 23, cybersäkerhetslagen) → early warning
 *   within 24 h and incident notification within 72 h of discovery.
 * - nis2_final: final report one calendar month (Stockholm time) after the notification was sent (until it
 *   is sent, after the notification's deadline).
 *   The NIS2 clocks only for incidents from cybersäkerhetslagen's first day on (NIS2_IN_FORCE).
 * Hours are real elapsed hours, so across a DST change the local wall-clock deadline moves by an hour.
 * A closed incident (Klar) has no running clocks: unmet clocks are reported as done with metAt null.
 */
export const CLOCK_KEYS = ['gdpr33', 'gdpr34', 'nis2_early', 'nis2_notification', 'nis2_final'] as const;
export type ClockKey = (typeof CLOCK_KEYS)[number];
export const CLOCK_STATES = ['ok', 'due_soon', 'critical', 'overdue', 'done'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export const CLOCK_LABELS: Record<ClockKey, { sv: string; en: string }> = {
  gdpr33: { sv: 'Anmälan till IMY (art. 33, 72 h)', en: 'Notify IMY (GDPR art. 33, 72 h)' },
  gdpr34: { sv: 'Information till de registrerade utan onödigt dröjsmål (art. 34, internt mål 72 h)', en: 'Inform the data subjects without undue delay (GDPR art. 34, internal target 72 h)' },
  nis2_early: { sv: 'Tidig varning till CSIRT (24 h)', en: 'Early warning to the CSIRT (24 h)' },
  nis2_notification: { sv: 'Incidentanmälan till CSIRT (72 h)', en: 'Incident notification to the CSIRT (72 h)' },
  nis2_final: { sv: 'Slutrapport till CSIRT (en månad)', en: 'Final report to the CSIRT (one month)' },
};

/**
 * Whether the deadline is set by law. Art. 34 says "without undue delay" (utan onödigt dröjsmål) and gives no hours:
 * its 72 h is Tillit's own internal target, so it is never called a legal deadline passed ("försenad"), nor counted
 * with them on the start page or in e-mails.
 */
export const LEGAL_DEADLINE: Record<ClockKey, boolean> = { gdpr33: true, gdpr34: false, nis2_early: true, nis2_notification: true, nis2_final: true };

/**
 * Cybersäkerhetslagen (SFS 2025:1506, NIS2) applies from 2026-01-15 (00:00 Stockholm, CET). An incident the
 * organisation became aware of before then (discovered, failing that reported) has no CSIRT duties under it, whatever
 * its significance: no NIS2 clocks.
 */
export const NIS2_IN_FORCE = new Date('2026-01-14T23:00:00.000Z');

/** Whether the NIS2 clocks can apply to an incident: aware of it (discovered, else reported) from NIS2_IN_FORCE on. */
export function nis2Applies(i: { discoveredAt: Date | string | null; reportedAt: Date | string }): boolean {
  return new Date(i.discoveredAt ?? i.reportedAt).getTime() >= NIS2_IN_FORCE.getTime();
}

export interface ClockInput {
  status: string;
  kind: string | null;
  personalData: string;
  riskAssessment: string | null;
  discoveredAt: Date | null;
  reportedAt: Date;
  reportedToImy: boolean;
  imyReportedAt: Date | null;
  subjectsInformedAt: Date | null;
  nis2Significant: boolean;
  csirtEarlyWarningAt: Date | null;
  csirtNotificationAt: Date | null;
  csirtFinalReportAt: Date | null;
  /** The art. 34.3 reason (a, b, c) of the incident's breach record (incident_breaches.not_informing_reason), or null. */
  art34Exemption: string | null;
}

export interface Clock {
  key: ClockKey;
  deadline: Date;
  /** Milliseconds left (negative when overdue); null when done. */
  remainingMs: number | null;
  state: ClockState;
  /** The duty is done (reported, informed). False for a clock that stopped only because the incident was closed. */
  met: boolean;
  /** When it was done; null when done at an unknown time (an import's "Ja") or not done. */
  metAt: Date | null;
  /** gdpr34 met by an art. 34.3 exemption (its reason, a, b or c) rather than by informing the data subjects. */
  exemption: string | null;
  /** The deadline is set by law (LEGAL_DEADLINE); false for an internal target. */
  legal: boolean;
  /** Counted from the report time because the discovery time is missing (the fallback): the deadline may be too late. */
  fromReport: boolean;
}

const HOUR = 3_600_000;

export function isPersonalDataBreach(i: Pick<ClockInput, 'kind' | 'personalData'>): boolean {
  return i.personalData === 'ja' || i.kind === 'Personuppgiftsincident';
}

export function stateFor(deadline: Date, now: Date): ClockState {
  const left = deadline.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  if (left < 6 * HOUR) return 'critical';
  if (left < 24 * HOUR) return 'due_soon';
  return 'ok';
}

export function clocksFor(i: ClockInput, now: Date): Clock[] {
  const start = i.discoveredAt ?? i.reportedAt;
  const closed = i.status === 'Klar';
  const noDiscovery = i.discoveredAt === null;
  const make = (key: ClockKey, deadline: Date, met: boolean, metAt: Date | null, exemption: string | null = null, fromStart = true): Clock => {
    const tags = { legal: LEGAL_DEADLINE[key], fromReport: fromStart && noDiscovery };
    if (met || closed) return { key, deadline, remainingMs: null, state: 'done', met, metAt: met ? metAt : null, exemption: met ? exemption : null, ...tags };
    return { key, deadline, remainingMs: deadline.getTime() - now.getTime(), state: stateFor(deadline, now), met: false, metAt: null, exemption: null, ...tags };
  };
  const out: Clock[] = [];
  const breach = isPersonalDataBreach(i);
  if (breach && i.riskAssessment !== 'ingen_trolig_risk') {
    out.push(make('gdpr33', new Date(start.getTime() + 72 * HOUR), i.reportedToImy || i.imyReportedAt !== null, i.imyReportedAt));
  }
  if (breach && i.riskAssessment === 'hog_risk') {
    // Informed: met then. Not informed but exempt (art. 34.3): met, with no time of its own and the reason kept.
    const exempt = i.subjectsInformedAt === null ? i.art34Exemption : null;
    out.push(make('gdpr34', new Date(start.getTime() + 72 * HOUR), i.subjectsInformedAt !== null || exempt !== null, i.subjectsInformedAt, exempt));
  }
  if (i.nis2Significant && nis2Applies(i)) {
    const notificationDeadline = new Date(start.getTime() + 72 * HOUR);
    out.push(make('nis2_early', new Date(start.getTime() + 24 * HOUR), i.csirtEarlyWarningAt !== null, i.csirtEarlyWarningAt));
    out.push(make('nis2_notification', notificationDeadline, i.csirtNotificationAt !== null, i.csirtNotificationAt));
    // Once the notification is sent the final report counts from it, not from the discovery or report.
    out.push(make('nis2_final', addMonthsLocal(i.csirtNotificationAt ?? notificationDeadline, 1), i.csirtFinalReportAt !== null, i.csirtFinalReportAt, null, i.csirtNotificationAt === null));
  }
  return out;
}

/**
 * IMY was notified after the 72 hours of art. 33.1 (the gdpr33 clock met, at a known time past its deadline): the
 * notification must then give the reasons for the delay. False when there is no such clock, it is not met, or met
 * at an unknown time (an import's "Ja").
 */
export function imyNotifiedLate(i: Omit<ClockInput, 'art34Exemption'>): boolean {
  const c = clocksFor({ ...i, art34Exemption: null }, i.imyReportedAt ?? i.reportedAt).find((x) => x.key === 'gdpr33');
  return !!c && metLate(c);
}

/**
 * A clock met after its deadline: done at a known time (metAt) later than the deadline. The one definition of "late"
 * for the server (imyNotifiedLate, the report's lateNotifications) and the web's badges ("Uppfylld för sent").
 * False when not met, or met at an unknown time (an import's "Ja") or by an art. 34.3 exemption (no time).
 */
export function metLate(c: { met: boolean; metAt: Date | string | null; deadline: Date | string }): boolean {
  return c.met && c.metAt !== null && new Date(c.metAt).getTime() > new Date(c.deadline).getTime();
}

/** How long after its deadline a late clock was met (ms), or null when it was not met late (metLate). */
export function metLateByMs(c: { met: boolean; metAt: Date | string | null; deadline: Date | string }): number | null {
  return metLate(c) ? new Date(c.metAt!).getTime() - new Date(c.deadline).getTime() : null;
}

/** The running clock nearest its deadline, or null. */
export function nearestClock(clocks: Clock[]): Clock | null {
  const running = clocks.filter((c) => c.state !== 'done').sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  return running[0] ?? null;
}
