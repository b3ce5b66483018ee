import { unprocessable } from '../../server/platform/errors';
import { refuseAfterToday } from '../../server/platform/time';

/**
 * The rules of a yearly object follow-up, apart from storage: it was held on a day that has been, within its year;
 * an access review done (ja) has a result, and deviations that remain are described in its comment; a result
 * belongs to a review that was done.
 */

/**
 * The start page asks for the year's follow-up from 1 September (month 9, Stockholm): the spring is for the
 * reclassifications and the follow-up is due before the year ends, so a list of "missing" from January would be noise.
 */
export const FOLLOW_UP_DUE_MONTH = 9;

export interface FollowUpState {
  year: number;
  heldOn: string;
  accessReview: string;
  accessResult: string | null;
  accessReviewComment: string;
}

/** 422 at the field for a follow-up that breaks a rule (Swedish and English message). */
export function checkFollowUp(s: FollowUpState): void {
  if (!s.heldOn.startsWith(`${s.year}-`)) {
    throw unprocessable('follow_up_date_outside_year', {
      sv: `Datum för uppföljningen (${s.heldOn}) ligger inte inom uppföljningsåret ${s.year}. Ange en dag under ${s.year}.`,
      en: `The follow-up date (${s.heldOn}) is not within the follow-up year ${s.year}. Give a day in ${s.year}.`,
    }, 'heldOn');
  }
  refuseAfterToday(s.heldOn, 'heldOn', 'follow_up_date_future', { sv: 'Datum för uppföljningen', en: 'The follow-up date' }, {
    sv: 'Registrera uppföljningen när den har hållits.',
    en: 'Record the follow-up once it has been held.',
  });
  if (s.accessReview === 'ja' && !s.accessResult) {
    throw unprocessable('access_result_missing', {
      sv: 'Behörighetsgenomgången är markerad som genomförd men saknar resultat. Ange inga avvikelser, avvikelser åtgärdade eller avvikelser kvarstår.',
      en: 'The access review is marked as done but has no result. Give no deviations, deviations corrected or deviations remaining.',
    }, 'accessResult');
  }
  if (s.accessReview !== 'ja' && s.accessResult) {
    throw unprocessable('access_result_without_review', {
      sv: 'Ett resultat anges bara när behörighetsgenomgången är genomförd. Markera den som genomförd (ja) eller ta bort resultatet.',
      en: 'A result is given only when the access review is done. Mark it as done (ja) or clear the result.',
    }, 'accessResult');
  }
  if (s.accessResult === 'avvikelser_kvarstar' && !s.accessReviewComment.trim()) {
    throw unprocessable('deviation_comment_missing', {
      sv: 'Avvikelser kvarstår efter behörighetsgenomgången: beskriv i kommentaren vilka och vad som görs åt dem.',
      en: 'Deviations remain after the access review: describe in the comment which ones and what is being done about them.',
    }, 'accessReviewComment');
  }
}

/** From the due month (Stockholm) the year's follow-up counts as missing on the start page. */
export const followUpDue = (today: string): boolean => Number(today.slice(5, 7)) >= FOLLOW_UP_DUE_MONTH;
