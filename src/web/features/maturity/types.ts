import type { z } from 'zod';
import type * as C from '../../../domains/maturity/contract';

export type Assessment = z.infer<typeof C.MaturityAssessment>;
export type Score = z.infer<typeof C.MaturityScore>;
export { DEFAULT_AREAS, DEFAULT_METHOD, LEVELS } from '../../../domains/maturity/levels';
