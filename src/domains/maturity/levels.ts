/**
 * The areas the seeds measure (DOMAIN.md "Maturity and training"), offered first; a förvaltning may name others.
 * Levels are MSB's cumulative 1–4: 1 basics in place, 2 better basics and some system, 3 more system and qualified
 * content, 4 very high, continual improvement. No imports: the web app reads this file too.
 */
export const DEFAULT_AREAS = ['Kompetens', 'Informationsklassning', 'Riskhantering', 'Incidenthantering', 'Uppföljning'] as const;
export const LEVELS = [1, 2, 3, 4] as const;
/** The method a new measurement names unless told otherwise (stored as data, so in Swedish). */
export const DEFAULT_METHOD = 'MSB:s mall (Infosäkkollen)';
