import type { z } from 'zod';
import type * as C from '../../../domains/training/contract';
import type { Org } from '../../api/types';

export type TrainingSession = z.infer<typeof C.TrainingSession>;
export type TrainingCompletion = z.infer<typeof C.TrainingCompletion>;
export { completionPercent, courseOrder, DEFAULT_COURSES, TRAINING_KINDS, type TrainingKind } from '../../../domains/training/courses';

const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** A share in per cent as the users write it: 87.5 → "87,5 %" (a no-break space before the sign). */
export const formatPercent = (p: number | null | undefined) => (p === null || p === undefined ? '' : `${oneDecimal.format(p)}\u00a0%`);

/** The organisation and those below it, in tree order, indented by depth: where a record may be made. */
export function orgChoices(orgs: Org[], top: Org): { value: string; label: string }[] {
  return orgs
    .filter((o) => o.path.startsWith(top.path))
    .map((o) => ({ value: o.slug, label: `${'\u00a0\u00a0'.repeat(Math.max(0, o.depth - top.depth))}${o.name}` }));
}
