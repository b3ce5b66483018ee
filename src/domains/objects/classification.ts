import { unprocessable } from '../../server/platform/errors';
import { refuseAfterToday } from '../../server/platform/time';
import { ASPECTS, SECURITY_PROTECTION_LEVEL, type ClassificationStatus } from './contract';

/**
 * KLASSA's rules for one object's classification, apart from storage: a classification is dated when it is done
 * (klar) and only then, the date has happened, and the lokal one is renewed yearly.
 */

export interface ClassificationState {
  normerandeStatus: ClassificationStatus | string;
  normerandeDate: string | null;
  lokalStatus: ClassificationStatus | string;
  lokalDate: string | null;
}

const WORDS = {
  normerande: { sv: 'Normerande klassning', en: 'The normerande (city-wide) classification', svDate: 'Datum för normerande klassning', enDate: 'The date of the normerande classification' },
  lokal: { sv: 'Lokal klassning', en: 'The local classification', svDate: 'Datum för lokal klassning', enDate: 'The date of the local classification' },
} as const;

/** 422 for a classification that breaks a rule: klar without a date, a date without klar, a date after today. */
export function checkClassification(s: ClassificationState): void {
  for (const kind of ['normerande', 'lokal'] as const) {
    const status = kind === 'normerande' ? s.normerandeStatus : s.lokalStatus;
    const day = kind === 'normerande' ? s.normerandeDate : s.lokalDate;
    const w = WORDS[kind];
    if (status === 'klar' && !day) {
      throw unprocessable('classification_date_missing', {
        sv: `${w.sv} är markerad som klar men saknar datum. Ange dagen den blev klar.`,
        en: `${w.en} is marked klar (done) but has no date. Give the day it was completed.`,
      }, `${kind}Date`);
    }
    if (day && status !== 'klar') {
      throw unprocessable('classification_date_without_klar', {
        sv: `${w.svDate} anges först när klassningen är klar. Sätt status Klar eller ta bort datumet.`,
        en: `${w.enDate} is given only once the classification is klar (done). Set the status to Klar or clear the date.`,
      }, `${kind}Date`);
    }
    refuseAfterToday(day, `${kind}Date`, 'classification_date_future', { sv: w.svDate, en: w.enDate }, {
      sv: 'En klassning som är klar har ett datum som redan har varit.',
      en: 'A completed classification has a date that has already been.',
    });
  }
}

/** The day a year after `day` (YYYY-MM-DD); 29 February becomes 28 February, as PostgreSQL's `+ interval '1 year'`. */
export function oneYearAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Nästa omklassning: a year after the lokal classification was completed, and whether that day has passed by `today`
 * (Stockholm, YYYY-MM-DD). An object not classified locally has no date and is not overdue (it is "saknas", which
 * the list and report show as such).
 */
export function reclassification(lokalDate: string | null, today: string): { next: string | null; overdue: boolean } {
  if (!lokalDate) return { next: null, overdue: false };
  const next = oneYearAfter(lokalDate);
  return { next, overdue: next < today };
}

/** Some aspect at level 4: säkerhetsskydd, outside KLASSA; a separate security-protection analysis is needed. */
export function needsSecurityProtection(levels: Partial<Record<(typeof ASPECTS)[number], number | null>>): boolean {
  return ASPECTS.some((a) => levels[a] === SECURITY_PROTECTION_LEVEL);
}
