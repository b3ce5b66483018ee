import { z } from '@hono/zod-openapi';
import { int4, IsoDate, YearField, YearQuery } from '../../server/platform/schema';
import { TRAINING_KINDS } from './courses';

export { completionPercent, courseOrder, DEFAULT_COURSES, TRAINING_KINDS, type TrainingKind } from './courses';

const OrgRef = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });
const Version = int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' });
const Text = (max: number) => z.string().trim().max(max);

export const TrainingSession = z
  .object({
    id: z.uuid(),
    org: OrgRef,
    heldOn: z.string(),
    title: z.string(),
    kind: z.enum(TRAINING_KINDS),
    audience: z.string(),
    givenBy: z.string(),
    participants: int4().nullable(),
    comment: z.string(),
    version: int4(),
  })
  .openapi('TrainingSession');
export type TrainingSession = z.infer<typeof TrainingSession>;

const Participants = int4().min(0).nullish().openapi({ description: 'Antal deltagare (valfritt)' });

export const CreateTrainingSession = z
  .strictObject({
    org: z.string().min(1).max(64).openapi({ description: 'Organisationens kortnamn (slug) eller id, på vilken nivå som helst' }),
    heldOn: IsoDate,
    title: Text(500).min(1),
    kind: z.enum(TRAINING_KINDS).openapi({ description: 'riktad (riktad utbildning eller genomgång), e-utbildning, workshop eller övning' }),
    audience: Text(500).optional().openapi({ example: 'Förvaltningsledningen' }),
    givenBy: Text(200).optional().openapi({ example: 'ISAM' }),
    participants: Participants,
    comment: Text(4000).optional(),
  })
  .openapi('CreateTrainingSession');
export type CreateTrainingSession = z.infer<typeof CreateTrainingSession>;

/** Any of a session's fields but its organisation, with the version read. */
export const UpdateTrainingSession = CreateTrainingSession.omit({ org: true }).partial().extend({ version: Version }).strict()
  .openapi('UpdateTrainingSession');
export type UpdateTrainingSession = z.infer<typeof UpdateTrainingSession>;

export const TrainingCompletion = z
  .object({
    id: z.uuid(),
    org: OrgRef,
    year: int4(),
    course: z.string(),
    employees: int4(),
    completed: int4(),
    /** Completed of employees in per cent, one decimal. */
    percent: z.number(),
    comment: z.string(),
    version: int4(),
  })
  .openapi('TrainingCompletion');
export type TrainingCompletion = z.infer<typeof TrainingCompletion>;

const Course = Text(200).min(1).openapi({ example: 'Informationssäkerhet (e-utbildning)' });
const Employees = int4().min(1).openapi({ description: 'Antal anställda (och konsulter) som ska genomföra kursen' });
const Completed = int4().min(0).openapi({ description: 'Antal som har genomfört kursen: 0 till antalet anställda' });

export const CreateTrainingCompletion = z
  .strictObject({
    org: z.string().min(1).max(64).openapi({ description: 'Organisationens kortnamn (slug) eller id, oftast en enhet eller avdelning' }),
    year: YearField(),
    course: Course,
    employees: Employees,
    completed: Completed,
    comment: Text(4000).optional(),
  })
  .openapi('CreateTrainingCompletion');
export type CreateTrainingCompletion = z.infer<typeof CreateTrainingCompletion>;

/** Any of a completion's fields but its organisation and year, with the version read. */
export const UpdateTrainingCompletion = CreateTrainingCompletion.omit({ org: true, year: true }).partial().extend({ version: Version }).strict()
  .openapi('UpdateTrainingCompletion');
export type UpdateTrainingCompletion = z.infer<typeof UpdateTrainingCompletion>;

export const TrainingQuery = z.object({
  org: z.string().min(1).max(64),
  year: YearQuery().optional().openapi({ description: 'Bara detta år (från 2000 till och med nästa år)' }),
  subtree: z.enum(['true', 'false']).optional().openapi({ description: 'Med underliggande organisationer (standard: ja)' }),
});
export type TrainingQuery = z.infer<typeof TrainingQuery>;
