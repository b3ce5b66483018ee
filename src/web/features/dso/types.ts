import type { z } from 'zod';
import type * as C from '../../../domains/dso/contract';

export type Recommendation = z.infer<typeof C.DsoRecommendation>;
export type RiskLevel = Recommendation['riskLevel'];
export type ResponseStatus = Recommendation['status'];
export const RISK_LEVELS: RiskLevel[] = ['låg', 'medel', 'hög', 'allvarlig'];
export const RESPONSE_STATUSES: ResponseStatus[] = ['öppen', 'pågår', 'åtgärdad', 'ej åtgärdad'];
