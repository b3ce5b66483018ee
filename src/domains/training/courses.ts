/**
 * The words of the training domain (DOMAIN.md "Maturity and training"), stored as data and so in Swedish. No imports:
 * the web app reads this file too.
 *
 * Kinds of training held: `riktad` a targeted training or genomgång for a group (the management, chefsforum, a
 * function), `e-utbildning` an e-course held or assigned as such, `workshop`, `övning` an exercise.
 */
export const TRAINING_KINDS = ['riktad', 'e-utbildning', 'workshop', 'övning'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** The city's mandatory e-courses, yearly for all employees and consultants: offered first when completion is recorded. */
export const DEFAULT_COURSES = ['Informationssäkerhet (e-utbildning)', 'Dataskydd (e-utbildning)'] as const;

/** Course names in the order lists show them: the city's mandatory courses first, in their order, then the rest by name. */
export function courseOrder(a: string, b: string): number {
  const rank = (c: string) => {
    const i = (DEFAULT_COURSES as readonly string[]).indexOf(c);
    return i < 0 ? DEFAULT_COURSES.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b, 'sv');
}

/** Completed of employees as a percentage with one decimal (87.5); null without employees. */
export const completionPercent = (completed: number, employees: number): number | null =>
  employees > 0 ? Math.round((completed / employees) * 1000) / 10 : null;
