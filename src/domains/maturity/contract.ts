import { z } from '@hono/zod-openapi';
import { int4, IsoDate, YearField } from '../../server/platform/schema';

export { DEFAULT_AREAS, LEVELS } from './levels';

const Level = int4().min(1).max(4);

export const MaturityScore = z
  .object({ area: z.string(), level: Level, targetLevel: Level.nullable(), comment: z.string() })
  .openapi('MaturityScore');
export const MaturityAssessment = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    year: int4(),
    assessedOn: z.string().nullable(),
    method: z.string(),
    assessor: z.string(),
    summary: z.string(),
    version: int4(),
    scores: z.array(MaturityScore),
    /** Mean level of the areas, one decimal. */
    average: z.number().nullable(),
  })
  .openapi('MaturityAssessment');
export type MaturityAssessment = z.infer<typeof MaturityAssessment>;

const ScoreInput = z.strictObject({
  area: z.string().trim().min(1).max(100),
  level: Level,
  targetLevel: Level.nullish(),
  comment: z.string().trim().max(4000).optional(),
});
const Scores = z.array(ScoreInput).min(1).max(30).superRefine((scores, c) => {
  const seen = new Map<string, number>();
  scores.forEach((s, i) => {
    const key = s.area.toLocaleLowerCase('sv-SE');
    const first = seen.get(key);
    if (first !== undefined) c.addIssue({ code: 'custom', path: [i, 'area'], message: `Området "${s.area}" finns redan som nr ${first + 1} / area listed twice` });
    else seen.set(key, i);
  });
});

export const CreateMaturityAssessment = z
  .strictObject({
    org: z.string().min(1).max(64),
    year: YearField(),
    assessedOn: IsoDate.nullish(),
    method: z.string().trim().max(200).optional(),
    assessor: z.string().trim().max(200).optional(),
    summary: z.string().trim().max(8000).optional(),
    scores: Scores,
  })
  .openapi('CreateMaturityAssessment');
export type CreateMaturityAssessment = z.infer<typeof CreateMaturityAssessment>;

/** Any field of a measurement but its organisation and year, with the version read; `scores` replaces the areas. */
export const UpdateMaturityAssessment = CreateMaturityAssessment.omit({ org: true, year: true }).partial().extend({ version: int4().min(1) }).strict()
  .openapi('UpdateMaturityAssessment');
export type UpdateMaturityAssessment = z.infer<typeof UpdateMaturityAssessment>;

export const MaturityQuery = z.object({
  org: z.string().min(1).max(64),
  subtree: z.enum(['true', 'false']).optional().openapi({ description: 'Med underliggande organisationer (standard: bara organisationen)' }),
});
export type MaturityQuery = z.infer<typeof MaturityQuery>;
