import { unprocessable } from '../../server/platform/errors';
import { refuseAfterToday } from '../../server/platform/time';
import { DPIA_THRESHOLD } from './contract';

/**
 * The registerförteckning's rules for one processing activity, apart from storage: a third-country transfer names its
 * transfer tool (chapter V); a DPIA is dated when done and only then, the date has happened, and "not needed" gives
 * the reason; an entry the DSO approves has purposes and a legal basis.
 */
export interface ActivityState {
  thirdCountryTransfer: boolean;
  transferTool: string | null;
  dpia: string;
  dpiaDate: string | null;
  dpiaReason: string;
}

export function checkActivity(s: ActivityState): void {
  if (s.thirdCountryTransfer && !s.transferTool) {
    throw unprocessable('transfer_tool_missing', {
      sv: 'Överföring till tredjeland kräver ett överföringsverktyg (adekvansbeslut, standardavtalsklausuler, BCR eller annat stöd i kapitel V).',
      en: 'A transfer to a third country needs a transfer tool (adequacy decision, standard contractual clauses, BCR or another chapter V basis).',
    }, 'transferTool');
  }
  if (s.dpia === 'gjord' && !s.dpiaDate) {
    throw unprocessable('dpia_date_missing', {
      sv: 'Konsekvensbedömningen är markerad som gjord men saknar datum. Ange dagen den blev klar.',
      en: 'The DPIA is marked done but has no date. Give the day it was completed.',
    }, 'dpiaDate');
  }
  if (s.dpiaDate && s.dpia !== 'gjord') {
    throw unprocessable('dpia_date_without_done', {
      sv: 'Datum för konsekvensbedömning anges först när den är gjord. Välj Gjord eller ta bort datumet.',
      en: 'The DPIA date is given only once it is done. Choose Done or clear the date.',
    }, 'dpiaDate');
  }
  if (s.dpia === 'behovs_ej' && !s.dpiaReason.trim()) {
    throw unprocessable('dpia_reason_missing', {
      sv: 'Ange varför en konsekvensbedömning inte behövs.',
      en: 'Give the reason a DPIA is not needed.',
    }, 'dpiaReason');
  }
  refuseAfterToday(s.dpiaDate, 'dpiaDate', 'dpia_date_future', { sv: 'Datum för konsekvensbedömning', en: 'The DPIA date' }, {
    sv: 'En gjord konsekvensbedömning har ett datum som redan har varit.',
    en: 'A completed DPIA has a date that has already been.',
  });
}

/** Two or more of the nine criteria: a DPIA is likely required. */
export const dpiaLikely = (criteria: readonly string[]): boolean => new Set(criteria).size >= DPIA_THRESHOLD;

/** Likely required and neither done nor judged not needed (with a reason). */
export const dpiaMissing = (criteria: readonly string[], dpia: string): boolean => dpiaLikely(criteria) && dpia === 'ej_gjord';
