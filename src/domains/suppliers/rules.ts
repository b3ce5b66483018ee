import { sql, type SQL } from 'drizzle-orm';
import { unprocessable } from '../../server/platform/errors';
import { refuseAfterToday, refuseNotAfter } from '../../server/platform/time';
import type { SubSupplier } from './contract';
import { suppliers } from './table';

/**
 * The leverantörsregister's rules for one supplier, apart from storage: a PUB-avtal marked signed ('ja') has the day
 * it was signed; a third-country transfer names its transfer tool (chapter V); an assessment's result has its date;
 * what is recorded as done (signed, TIA, assessment) has happened; the next review of the PUB-avtal comes after its
 * signing.
 */
export interface SupplierState {
  pubAgreement: string;
  pubSignedDate: string | null;
  pubReviewDate: string | null;
  thirdCountryTransfer: boolean;
  transferTool: string | null;
  tiaDate: string | null;
  assessmentDate: string | null;
  assessmentResult: string | null;
}

export function checkSupplier(s: SupplierState): void {
  if (s.pubAgreement === 'ja' && !s.pubSignedDate) {
    throw unprocessable('pub_signed_date_missing', {
      sv: 'Ett tecknat PUB-avtal har ett datum. Ange dagen avtalet undertecknades.',
      en: 'A signed data processing agreement has a date. Give the day it was signed.',
    }, 'pubSignedDate');
  }
  if (s.thirdCountryTransfer && !s.transferTool) {
    throw unprocessable('transfer_tool_missing', {
      sv: 'Överföring till tredjeland kräver ett överföringsverktyg (adekvansbeslut, standardavtalsklausuler, BCR eller annat stöd i kapitel V).',
      en: 'A transfer to a third country needs a transfer tool (adequacy decision, standard contractual clauses, BCR or another chapter V basis).',
    }, 'transferTool');
  }
  if (s.assessmentResult && !s.assessmentDate) {
    throw unprocessable('assessment_date_missing', {
      sv: 'Leverantörsbedömningen har ett resultat men inget datum. Ange dagen bedömningen gjordes.',
      en: 'The supplier assessment has a result but no date. Give the day it was made.',
    }, 'assessmentDate');
  }
  refuseAfterToday(s.pubSignedDate, 'pubSignedDate', 'pub_signed_date_future', { sv: 'Datum för undertecknat PUB-avtal', en: 'The signing date of the data processing agreement' }, {
    sv: 'Ange dagen avtalet faktiskt undertecknades.', en: 'Give the day it was actually signed.',
  });
  refuseAfterToday(s.tiaDate, 'tiaDate', 'tia_date_future', { sv: 'Datum för TIA', en: 'The TIA date' }, {
    sv: 'En gjord överföringsbedömning har ett datum som redan har varit.', en: 'A completed transfer impact assessment has a date that has already been.',
  });
  refuseAfterToday(s.assessmentDate, 'assessmentDate', 'assessment_date_future', { sv: 'Datum för leverantörsbedömning', en: 'The assessment date' }, {
    sv: 'Planera kommande bedömningar som uppföljning i stället.', en: 'Plan coming assessments as the follow-up instead.',
  });
  refuseNotAfter(s.pubReviewDate, s.pubSignedDate, 'pubReviewDate', 'pub_review_before_signed',
    { sv: 'Nästa översyn av PUB-avtalet', en: 'next review of the agreement' }, { sv: 'dagen det undertecknades', en: 'day it was signed' });
}

/** A year after the day, as YYYY-MM-DD (29 February → 28 February). */
function yearAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** No assessment in the twelve months up to `today`: none at all, or the latest more than a year before. */
export const followUpOverdue = (assessmentDate: string | null, today: string): boolean => !assessmentDate || yearAfter(assessmentDate) < today;

/** SQL twin of followUpOverdue. */
export const followUpOverdueSql = (today: string): SQL =>
  sql`(${suppliers.assessmentDate} is null or (${suppliers.assessmentDate} + interval '1 year')::date < ${today}::date)`;

/** Processes personal data without a signed PUB-avtal. */
export const pubMissing = (processesPersonalData: boolean, pubAgreement: string): boolean => processesPersonalData && pubAgreement !== 'ja';

export const pubMissingSql = (): SQL => sql`(${suppliers.processesPersonalData} and ${suppliers.pubAgreement} <> 'ja')`;

/**
 * A third-country transfer without a transfer impact assessment, where one is needed: under an art. 46 tool (SCC,
 * BCR, other), not under an adequacy decision (art. 45), where the Commission has assessed the country.
 */
export const tiaMissing = (s: { thirdCountryTransfer: boolean; transferTool: string | null; tiaDone: boolean }): boolean =>
  s.thirdCountryTransfer && s.transferTool !== 'adekvansbeslut' && !s.tiaDone;

export const withoutContract = (subs: readonly SubSupplier[]): number => subs.filter((s) => s.withoutContract).length;
