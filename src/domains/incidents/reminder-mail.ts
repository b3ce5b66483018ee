import { formatLocal } from '../../server/platform/time';
import { CLOCK_LABELS, type Clock, type ClockState } from './clocks';

/** The thresholds a reminder is sent at, as stored (incident_reminders_sent.threshold). */
export const THRESHOLD: Partial<Record<ClockState, '24h' | '6h' | 'overdue'>> = { due_soon: '24h', critical: '6h', overdue: 'overdue' };
export type Threshold = NonNullable<(typeof THRESHOLD)[ClockState]>;

/** How much time is left, as a subject says it: sv-SE writes a space between the number and the unit. */
const LEFT: Record<Exclude<Threshold, 'overdue'>, { sv: string; en: string }> = {
  '24h': { sv: '24 h kvar', en: '24 h left' },
  '6h': { sv: '6 h kvar', en: '6 h left' },
};

export interface ReminderIncident {
  id: string;
  number: string;
  title: string;
  protectedIdentity: boolean;
}

/**
 * One reminder e-mail, Swedish first and English second. An e-mail leaves the system: the title of an incident
 * touching protected identities is not in it ("Skyddad incident AV-…" instead), only its number. Art. 34's internal
 * target (clock.legal false) is never called a deadline passed ("försenad"). `publicUrl` (config.publicUrl): the
 * incident's address is given when it is set.
 */
export function reminderMail(i: ReminderIncident, c: Pick<Clock, 'key' | 'deadline' | 'legal'>, threshold: Threshold, publicUrl?: string): { subject: string; text: string } {
  const label = CLOCK_LABELS[c.key];
  const when = formatLocal(c.deadline);
  const overdue = threshold === 'overdue';
  const what = c.legal ? { sv: 'Tidsfristen', en: 'The deadline' } : { sv: 'Det interna målet', en: 'The internal target' };
  const state = overdue
    ? c.legal ? { sv: 'försenad', en: 'overdue' } : { sv: 'internt mål passerat', en: 'internal target passed' }
    : LEFT[threshold];
  const name = i.protectedIdentity ? { sv: `Skyddad incident ${i.number}`, en: `Protected incident ${i.number}` }
    : { sv: `Incident ${i.number}: ${i.title}`, en: `Incident ${i.number}` };
  const link = publicUrl ? `${publicUrl}/incidenter/${i.id}` : null;
  const sv = [
    `${what.sv} ${overdue ? 'passerades' : 'löper ut'} ${when} (svensk tid).`,
    label.sv,
    name.sv,
    ...(link ? [`Öppna incidenten: ${link}`] : []),
  ];
  const en = [
    `${label.en}: ${what.en.toLowerCase()} ${overdue ? 'passed' : 'is'} ${when} (Stockholm time).`,
    name.en,
    ...(link ? [`Open the incident: ${link}`] : []),
  ];
  return {
    subject: `[Tillit] ${i.protectedIdentity ? name.sv : i.number}: ${label.sv} – ${state.sv}`,
    text: `${sv.join('\n')}\n\n${en.join('\n')}\n`,
  };
}
