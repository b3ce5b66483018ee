/**
 * The rules of RSA cycles, continuity plans and exercises, apart from storage: a cycle ends no earlier than it
 * starts; a fastställd plan has the day it was adopted; adoption and review have happened (not after today); the
 * next review comes after the last; a held exercise has a day that has been. And the derived dates and flags: the next
 * review is a year after the last review (or the adoption) unless set; a plan is never exercised, or exercised too
 * long ago (more than EXERCISE_INTERVAL_YEARS years).
 */
import { sql, type SQL } from 'drizzle-orm';
import { unprocessable } from '../../server/platform/errors';
import { refuseAfterToday, refuseNotAfter } from '../../server/platform/time';
import { continuityPlans } from './table';

/** A plan not exercised for more than this many years is flagged. */
export const EXERCISE_INTERVAL_YEARS = 2;

export function checkRsaCycle(start: number, end: number): void {
  if (end >= start) return;
  throw unprocessable('rsa_cycle_end_before_start', {
    sv: `RSA-cykelns sista år (${end}) ligger före dess första år (${start}).`,
    en: `The RSA cycle's last year (${end}) is before its first year (${start}).`,
  }, 'cycleEndYear');
}

export interface PlanState { status?: string | null; adoptedDate?: string | null; lastReviewed?: string | null; nextReview?: string | null }

export function checkPlan(p: PlanState): void {
  if (p.status === 'faststalld' && !p.adoptedDate) {
    throw unprocessable('adopted_date_missing', {
      sv: 'En fastställd kontinuitetsplan har ett datum då den fastställdes. Ange fastställandedatum.',
      en: 'An adopted continuity plan has the day it was adopted. Give the adoption date.',
    }, 'adoptedDate');
  }
  refuseAfterToday(p.adoptedDate, 'adoptedDate', 'adopted_date_in_future', { sv: 'Fastställd', en: 'The adoption date' },
    { sv: 'Ange dagen planen faktiskt fastställdes.', en: 'Give the day the plan was actually adopted.' });
  refuseAfterToday(p.lastReviewed, 'lastReviewed', 'last_review_in_future', { sv: 'Senast granskad', en: 'Last reviewed' },
    { sv: 'Ange när planen faktiskt granskades.', en: 'Give the date the plan was actually reviewed.' });
  refuseNotAfter(p.nextReview, p.lastReviewed, 'nextReview', 'next_review_not_after_last', { sv: 'Nästa granskning', en: 'next review' }, { sv: 'senaste granskningen', en: 'last review' });
  // As for a styrdokument: the next review comes after the plan was adopted.
  refuseNotAfter(p.nextReview, p.adoptedDate, 'nextReview', 'next_review_not_after_adopted', { sv: 'Nästa granskning', en: 'next review' }, { sv: 'fastställandet', en: 'adoption' });
}

export function checkExercise(e: { status?: string | null; date?: string | null }): void {
  if ((e.status ?? 'genomford') !== 'genomford') return;
  refuseAfterToday(e.date, 'date', 'held_exercise_in_future', { sv: 'Datum för en genomförd övning', en: 'The date of a held exercise' },
    { sv: 'Registrera kommande övningar som planerade.', en: 'Register coming exercises as planned.' });
}

/** `years` years after the day, as YYYY-MM-DD (29 February → 28 February). */
export function yearsAfter(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The next review: as set, else a year after the last review, else a year after adoption, else none. */
export function nextReviewOf(p: { nextReview: string | null; lastReviewed: string | null; adoptedDate: string | null }): string | null {
  if (p.nextReview) return p.nextReview;
  const base = p.lastReviewed ?? p.adoptedDate;
  return base ? yearsAfter(base, 1) : null;
}

/** SQL twin of nextReviewOf. */
export const nextReviewSql = (): SQL =>
  sql`coalesce(${continuityPlans.nextReview}, (coalesce(${continuityPlans.lastReviewed}, ${continuityPlans.adoptedDate}) + interval '1 year')::date)`;

/** Exercised more than EXERCISE_INTERVAL_YEARS years before `day` (false when never exercised: that is its own flag). */
export const exerciseOverdue = (lastExercised: string | null, day: string): boolean =>
  lastExercised !== null && yearsAfter(lastExercised, EXERCISE_INTERVAL_YEARS) < day;
