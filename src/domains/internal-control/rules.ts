import { unprocessable, type Msg } from '../../server/platform/errors';
import { refuseAfterToday } from '../../server/platform/time';
import type { Frequency, Period, ResultKind } from './contract';

/**
 * The internkontroll's rules apart from storage: the periods a frequency plans in a year (the city's tertialrapporter
 * T1–T3 for tertial, H1–H2, Q1–Q4, M01–M12 or the whole year), their first and last days, and what a result needs.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** [first month, last month] (1–12) of each period. */
const MONTHS: Record<Period, [number, number]> = {
  helar: [1, 12], H1: [1, 6], H2: [7, 12], T1: [1, 4], T2: [5, 8], T3: [9, 12], Q1: [1, 3], Q2: [4, 6], Q3: [7, 9], Q4: [10, 12],
  M01: [1, 1], M02: [2, 2], M03: [3, 3], M04: [4, 4], M05: [5, 5], M06: [6, 6], M07: [7, 7], M08: [8, 8], M09: [9, 9], M10: [10, 10], M11: [11, 11], M12: [12, 12],
};

const PLANNED: Record<Frequency, Period[]> = {
  arlig: ['helar'],
  halvar: ['H1', 'H2'],
  tertial: ['T1', 'T2', 'T3'],
  kvartal: ['Q1', 'Q2', 'Q3', 'Q4'],
  manad: ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12'],
};

export const FREQUENCY_WORDS: Record<Frequency, Msg> = {
  arlig: { sv: 'årlig', en: 'yearly' }, halvar: { sv: 'halvår', en: 'half-yearly' }, tertial: { sv: 'tertial', en: 'per tertial' },
  kvartal: { sv: 'kvartal', en: 'quarterly' }, manad: { sv: 'månad', en: 'monthly' },
};

export const RESULT_WORDS: Record<ResultKind, Msg> = {
  utan_avvikelse: { sv: 'Utan avvikelse', en: 'No deviation' },
  avvikelse: { sv: 'Avvikelse', en: 'Deviation' },
  vasentlig_avvikelse: { sv: 'Väsentlig avvikelse', en: 'Significant deviation' },
  ej_genomford: { sv: 'Ej genomförd', en: 'Not performed' },
};

/** The period as written in a report: "helår" for the whole year, else its code (T2, H1, Q3, M05). */
export const periodWord = (p: Period): string => (p === 'helar' ? 'helår' : p);

/** The periods a frequency plans in a year, in order. */
export const plannedPeriods = (f: Frequency): Period[] => PLANNED[f];

/** First and last day (YYYY-MM-DD) of a period of a year. */
export function periodRange(year: number, p: Period): { start: string; end: string } {
  const [a, b] = MONTHS[p];
  return { start: `${year}-${pad(a)}-01`, end: `${year}-${pad(b)}-${pad(lastDay(year, b))}` };
}

/** The period has ended by `day` (its last day is before it). */
export const periodEnded = (year: number, p: Period, day: string): boolean => periodRange(year, p).end < day;

export interface ResultState {
  year: number;
  period: Period;
  performedOn: string | null;
  result: ResultKind;
  reason: string;
  comment: string;
}

/**
 * A result for a period: performed results have the day the control was done, not ahead of today and not before the
 * period began (a control is done within its period or after it); ej genomförd has a reason; an avvikelse or
 * väsentlig avvikelse says what it was (comment).
 */
export function checkResult(s: ResultState): void {
  const range = periodRange(s.year, s.period);
  const label = `${periodWord(s.period)} ${s.year}`;
  if (s.result === 'ej_genomford') {
    if (!s.reason.trim()) {
      throw unprocessable('reason_required', {
        sv: 'Ange skälet till att kontrollen inte genomfördes.',
        en: 'Give the reason why the control was not performed.',
      }, 'reason');
    }
  } else if (!s.performedOn) {
    throw unprocessable('performed_on_required', {
      sv: 'Ange dagen kontrollen utfördes.',
      en: 'Give the day the control was performed.',
    }, 'performedOn');
  }
  if (s.performedOn) {
    refuseAfterToday(s.performedOn, 'performedOn', 'performed_on_future', { sv: 'Dagen kontrollen utfördes', en: 'The day the control was performed' }, {
      sv: 'Rapportera resultatet när kontrollen är gjord.', en: 'Report the result once the control has been done.',
    });
    if (s.performedOn < range.start) {
      throw unprocessable('performed_before_period', {
        sv: `Dagen kontrollen utfördes (${s.performedOn}) ligger före perioden ${label} (från ${range.start}). En kontroll görs inom perioden eller efter den.`,
        en: `The day the control was performed (${s.performedOn}) is before the period ${label} (from ${range.start}). A control is done within its period or after it.`,
      }, 'performedOn');
    }
  }
  if ((s.result === 'avvikelse' || s.result === 'vasentlig_avvikelse') && !s.comment.trim()) {
    throw unprocessable('comment_required', {
      sv: `Beskriv avvikelsen i kommentaren (${RESULT_WORDS[s.result].sv.toLowerCase()} kräver en kommentar).`,
      en: `Describe the deviation in the comment (a ${RESULT_WORDS[s.result].en.toLowerCase()} needs a comment).`,
    }, 'comment');
  }
}

/** A control without an IKP risk is kept for the förvaltning's own reasons and needs a title. */
export function checkTitle(vorEventId: string | null, title: string): void {
  if (vorEventId || title.trim()) return;
  throw unprocessable('title_required', {
    sv: 'En kontroll som inte hör till någon IKP-risk behöver en rubrik.',
    en: 'A control that belongs to no IKP risk needs a title.',
  }, 'title');
}
