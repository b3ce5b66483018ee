import type { Msg } from '../../server/platform/errors';
import { INCIDENT_STATUSES, type IncidentStatus } from './model';

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
  if (from === to) {
    return { code: 'same_status', msg: { sv: `Ärendet har redan status "${to}".`, en: `The incident already has status "${to}".` } };
  }
  const allowed = isStatus(from) ? TRANSITIONS[from] : [];
  if (allowed.includes(to)) return null;
  const list = allowed.map((s) => `"${s}"`).join(', ') || '–';
  return {
    code: 'illegal_transition',
    msg: {
      sv: `Status kan inte ändras från "${from}" till "${to}". Tillåtet härifrån: ${list}.`,
      en: `Status cannot change from "${from}" to "${to}". Allowed from here: ${list}.`,
    },
  };
}
