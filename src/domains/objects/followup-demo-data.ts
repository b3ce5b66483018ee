import type { CreateObjectFollowUp } from './followup-contract';

/** A demo follow-up: the object by organisation and name, and the follow-up. */
export interface DemoFollowUp { org: string; object: string; followUp: CreateObjectFollowUp }

type Checks = Pick<CreateObjectFollowUp, 'managementPlan' | 'classification' | 'actionPlan' | 'continuityPlan' | 'pubSupplier'>;
const allJa: Checks = { managementPlan: 'ja', classification: 'ja', actionPlan: 'ja', continuityPlan: 'ja', pubSupplier: 'ja' };

const fu = (org: string, object: string, heldOn: string, heldBy: string, rest: Partial<CreateObjectFollowUp>): DemoFollowUp => ({
  org, object, followUp: { year: Number(heldOn.slice(0, 4)), heldOn, heldBy, heldByRole: 'objektagare', ...allJa, ...rest },
});
const ok = (accountsChanged: number) => ({ accessReview: 'ja' as const, accessResult: (accountsChanged ? 'avvikelser_atgardade' : 'inga_avvikelser') as 'avvikelser_atgardade' | 'inga_avvikelser', accountsChanged });

/**
 * Hässelby-Vällingby 2025: the objektägare followed up nine of the eleven objects with an access review (seed 002's
 * VoR for Behörighetshantering: "Behörigheter avslutas inte i tid", åtgärd "Systematiskt följa upp
 * behörighetshantering"); NPÖ and VODOK were not followed up. In Treserva and Para Sol accounts of people who had left
 * remained after the review. People, dates and numbers are this demo's.
 */
export const HV_FOLLOW_UPS: DemoFollowUp[] = [
  fu('hv-aldre', 'Pascal', '2025-04-08', 'Anna Ek', { ...ok(2), managementPlan: 'nej', managementPlanComment: 'Förvaltningsplan saknas; tas fram med central objektförvaltning.' }),
  fu('hv-aldre', 'Procedo', '2025-06-17', 'Maria Lund', { heldByRole: 'objektledare', ...ok(5), managementPlan: 'nej', managementPlanComment: 'Förvaltningsplan saknas.' }),
  fu('hv-hemtjanst', 'Life Care SP', '2025-10-14', 'Lena Nord', {
    ...ok(11), managementPlan: 'nej', continuityPlan: 'nej', continuityPlanComment: 'Kontinuitetsplan saknas; planeras till 2026.',
    actions: 'Ta fram kontinuitetsplan för Life Care SP.',
  }),
  fu('hv-aldre', 'E-hälsa (APO ex)', '2025-05-20', 'Anna Ek', { ...ok(0), classification: 'nej', classificationComment: 'Väntar på normerande klassning.', actionPlan: 'ej_aktuellt', continuityPlan: 'nej' }),
  fu('hv-ifo', 'Para Inn', '2025-09-03', 'Karl Vik', { ...ok(1), classification: 'nej', classificationComment: 'Väntar på normerande klassning.', actionPlan: 'ej_aktuellt', continuityPlan: 'nej' }),
  fu('hv-ifo', 'Para Sol', '2025-09-03', 'Karl Vik', {
    accessReview: 'ja', accessResult: 'avvikelser_kvarstar', accountsChanged: 2,
    accessReviewComment: 'Fyra konton för medarbetare som slutat finns kvar; borttag beställt hos central objektförvaltning.',
    classification: 'nej', classificationComment: 'Väntar på normerande klassning.', actionPlan: 'ej_aktuellt', continuityPlan: 'nej',
    actions: 'Följ upp att kontona tas bort; se över rutinen för avslut av behörigheter.',
  }),
  fu('hv-ifo', 'DEBI', '2025-12-02', 'Karl Vik', {
    accessReview: 'ej_aktuellt', accessReviewComment: 'Objektet är inte i drift än.', classification: 'nej', classificationComment: 'Normerande klassning pågår.',
    actionPlan: 'ej_aktuellt', continuityPlan: 'nej', managementPlan: 'nej',
  }),
  fu('hv-socialtjanst-barn', 'Treserva', '2025-11-11', 'Karl Vik', {
    accessReview: 'ja', accessResult: 'avvikelser_kvarstar', accountsChanged: 9,
    accessReviewComment: 'Behörigheter avslutas inte i tid: sex konton för medarbetare som bytt enhet har kvar sina gamla behörigheter.',
    classification: 'nej', classificationComment: 'Omklassning försenad (klassad 2024-09-12).',
    actions: 'Enhetscheferna anmäler byte av enhet till systemförvaltningen samma dag; ny genomgång i februari 2026.',
  }),
  fu('hv-it', 'Zoom', '2025-11-25', 'Jonas Ström', {
    ...ok(3), classification: 'nej', classificationComment: 'Ny klassning behövs efter att AI-funktioner slagits på.', continuityPlan: 'nej',
    pubSupplier: 'ja', pubSupplierComment: 'Tredjelandsöverföring kontrollerad; exitplan saknas.',
  }),
];

/**
 * Servicenämnden 2025: some of the objektägare held the yearly follow-up; in the lön's object for skyddade
 * personuppgifter deviations remained after the access review.
 */
export const SN_FOLLOW_UPS: DemoFollowUp[] = [
  fu('sf-kontaktcenter', 'Artvise', '2025-05-13', 'Helena Vass', ok(14)),
  fu('sf-kontaktcenter', 'Telia ACE', '2025-09-24', 'Rikard Olsson', { heldByRole: 'objektledare', ...ok(6), classification: 'nej', classificationComment: 'Lokal klassning pågår.', continuityPlan: 'nej' }),
  fu('sf-ekonomi', 'Lönesystemet', '2025-03-18', 'Objektägare Lönesystemet', ok(22)),
  fu('sf-ekonomi', 'Skyddade personuppgifter i lön', '2025-03-18', 'Objektägare Lönesystemet', {
    accessReview: 'ja', accessResult: 'avvikelser_kvarstar', accountsChanged: 1,
    accessReviewComment: 'Två handläggare har läsbehörighet utan att ha uppdraget; beslut om borttag väntar.',
  }),
  fu('servicenamnden', 'Diariet', '2025-10-07', 'Registrator', ok(0)),
  fu('servicenamnden', 'E-arkivet', '2025-10-07', 'Arkivansvarig', { ...ok(0), continuityPlan: 'ej_aktuellt' }),
  fu('servicenamnden', 'Behörighetsportalen', '2025-06-10', 'Objektägare Behörighetsportalen', ok(37)),
];
