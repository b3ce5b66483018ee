import type { Msg } from '../../server/platform/errors';
import { CLOCK_LABELS, clocksFor, type ClockInput, type ClockKey } from './clocks';
import { INCIDENT_STATUSES, quoted, type IncidentStatus } from './model';

/**
 * Allowed status changes (IA's flow). Förfallen can be set from any open state; a closed (Klar) or lapsed
 * (Förfallen) case is reopened to Under utredning. "Under utredning → Klar" closes a case that needed no
 * åtgärd (most minor personal-data slips). Every change needs incident.manage on the incident's org.
 */
export const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  Rapporterad: ['Under registrering', 'Förfallen'],
  'Under registrering': ['Under utredning', 'Förfallen'],
  'Under utredning': ['Under åtgärd', 'Klar', 'Förfallen'],
  'Under åtgärd': ['Klar', 'Förfallen'],
  Klar: ['Under utredning'],
  Förfallen: ['Under utredning'],
};

export const OPEN_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.filter((s) => s !== 'Klar');

export function isStatus(s: string): s is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(s);
}

/** Why a change from → to is refused, or null when it is allowed. */
export function transitionRefusal(from: string, to: IncidentStatus): { code: string; msg: Msg } | null {
  const [f, t] = [quoted(from), quoted(to)];
  if (from === to) {
    return { code: 'same_status', msg: { sv: `Ärendet har redan status ${t.sv}.`, en: `The incident already has status ${t.en}.` } };
  }
  const allowed = isStatus(from) ? TRANSITIONS[from] : [];
  if (allowed.includes(to)) return null;
  const list = (lang: 'sv' | 'en') => allowed.map((s) => quoted(s)[lang]).join(', ') || '–';
  return {
    code: 'illegal_transition',
    msg: {
      sv: `Status kan inte ändras från ${f.sv} till ${t.sv}. Tillåtet härifrån: ${list('sv')}.`,
      en: `Status cannot change from ${f.en} to ${t.en}. Allowed from here: ${list('en')}.`,
    },
  };
}

/** The duties whose clocks would run if the incident were open (a closed case's clocks all read as done). */
const openDuties = (i: ClockInput, now: Date): ClockKey[] =>
  clocksFor({ ...i, status: 'Under utredning' }, now).filter((c) => c.state !== 'done').map((c) => c.key);

/** The duties named in a refusal, in Swedish and English. */
const named = (keys: ClockKey[]) => ({ sv: keys.map((k) => CLOCK_LABELS[k].sv).join(', '), en: keys.map((k) => CLOCK_LABELS[k].en).join(', ') });

/**
 * Why an incident may not be closed (Klar), or null. A legal duty that is still open (IMY not notified, the
 * data subjects not informed, a CSIRT report not sent) must be met, or the assessment that causes it changed,
 * before the case is closed: closing does not discharge it, and a closed case's clocks no longer warn anyone.
 * `i` is the incident as it will be after the change (a PATCH may set the report time and the status together).
 * Imports are exempt: they record what IA says.
 */
export function closingRefusal(i: ClockInput, to: IncidentStatus, now: Date): { code: string; msg: Msg; clocks: string[] } | null {
  if (to !== 'Klar') return null;
  const open = openDuties(i, now);
  if (open.length === 0) return null;
  const { sv, en } = named(open);
  const art34 = open.includes('gdpr34')
    ? { sv: ' För art. 34 räcker också ett skäl enligt art. 34.3 (a, b eller c) i dokumentationen av personuppgiftsincidenten.', en: ' For art. 34 a reason under art. 34.3 (a, b or c) in the breach record also does.' }
    : { sv: '', en: '' };
  return {
    code: 'legal_duty_open',
    clocks: open,
    msg: {
      sv: `Ärendet kan inte stängas förrän detta är gjort: ${sv}. Ange när det gjordes, eller ändra bedömningen med motivering (t.ex. "ingen trolig risk" eller ej betydande).${art34.sv}`,
      en: `The incident cannot be closed until this is done: ${en}. Enter when it was done, or change the assessment with a justification (e.g. "no likely risk" or not significant).${art34.en}`,
    },
  };
}

/** The fields of an incident the legal clocks are computed from (clocks.ts ClockInput), in the order a refusal names them. */
const CLOCK_FIELDS = [
  'riskAssessment', 'personalData', 'kind', 'nis2Significant', 'reportedToImy', 'imyReportedAt', 'subjectsInformedAt',
  'csirtEarlyWarningAt', 'csirtNotificationAt', 'csirtFinalReportAt', 'discoveredAt', 'reportedAt',
] as const;

/**
 * Why a change to a closed (Klar) incident that keeps it closed is refused, or null. A closed case's clocks no longer
 * warn anyone (clocks.ts), so a change that opens a legal duty on it (a high risk set, NIS2 significance ticked, the
 * IMY time cleared, a personal-data kind given) would create a duty nobody is reminded of: refused as closing with
 * the duty open would be (closingRefusal). A duty already open before the change (an import of an old IA case) does
 * not block an unrelated edit; meeting the duty in the same change (the time it was done) is allowed.
 * `before` and `after`: the incident before and after the change; `changed`: the fields it sets.
 */
export function closedCaseRefusal(before: ClockInput, after: ClockInput, changed: readonly string[], now: Date): { code: string; msg: Msg; clocks: string[]; field: string } | null {
  if (before.status !== 'Klar' || after.status !== 'Klar') return null;
  const already = new Set(openDuties(before, now));
  const opened = openDuties(after, now).filter((k) => !already.has(k));
  if (opened.length === 0) return null;
  const { sv, en } = named(opened);
  return {
    code: 'legal_duty_open',
    clocks: opened,
    field: CLOCK_FIELDS.find((f) => changed.includes(f)) ?? 'status',
    msg: {
      sv: `Ärendet är stängt (Klar) och ändringen skulle ge en lagstadgad skyldighet som ingen påminns om: ${sv}. Öppna ärendet igen (status Under utredning) först, eller ange i samma ändring när skyldigheten uppfylldes.`,
      en: `The incident is closed (Klar) and the change would create a legal duty nobody is reminded of: ${en}. Reopen the incident (status Under utredning) first, or give in the same change when the duty was met.`,
    },
  };
}
