import type { Msg } from '../../server/platform/errors';
import { CLOCK_LABELS, clocksFor, type ClockInput } from './clocks';
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

/**
 * Why an incident may not be closed (Klar), or null. A legal duty that is still open (IMY not notified, the
 * data subjects not informed, a CSIRT report not sent) must be met, or the assessment that causes it changed,
 * before the case is closed: closing does not discharge it, and a closed case's clocks no longer warn anyone.
 * `i` is the incident as it will be after the change (a PATCH may set the report time and the status together).
 * Imports are exempt: they record what IA says.
 */
export function closingRefusal(i: ClockInput, to: IncidentStatus, now: Date): { code: string; msg: Msg; clocks: string[] } | null {
  if (to !== 'Klar') return null;
  const open = clocksFor({ ...i, status: 'Under utredning' }, now).filter((c) => c.state !== 'done');
  if (open.length === 0) return null;
  const sv = open.map((c) => CLOCK_LABELS[c.key].sv).join(', ');
  const en = open.map((c) => CLOCK_LABELS[c.key].en).join(', ');
  return {
    code: 'legal_duty_open',
    clocks: open.map((c) => c.key),
    msg: {
      sv: `Ärendet kan inte stängas förrän detta är gjort: ${sv}. Ange när det gjordes, eller ändra bedömningen med motivering (t.ex. "ingen trolig risk" eller ej betydande).`,
      en: `The incident cannot be closed until this is done: ${en}. Enter when it was done, or change the assessment with a justification (e.g. "no likely risk" or not significant).`,
    },
  };
}
