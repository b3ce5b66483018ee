import type { z } from 'zod';
import type * as C from '../../../domains/review/contract';

export type Review = z.infer<typeof C.Review>;
export type Iso93Status = z.infer<typeof C.Iso93Status>;
export type InputStatus = z.infer<typeof C.InputStatus>;
export type InputKey = InputStatus['key'];
export type Decision = z.infer<typeof C.Decision>;
export type Conclusion = z.infer<typeof C.Conclusion>;
export type UpdateReview = z.input<typeof C.UpdateReview>;
export const INPUT_KEYS: InputKey[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
/** The kinds of decision, in the order the form offers them (domains/review/contract.ts DECISION_KINDS). */
export const DECISION_KINDS: Decision['kind'][] = ['improvement', 'isms_change', 'stance'];
export const CONCLUSION_KEYS = ['lampligt', 'tillrackligt', 'verkningsfullt'] as const;
export type ConclusionKey = (typeof CONCLUSION_KEYS)[number];

export const reviewKey = (id: string) => ['reviews', 'one', id] as const;
export const iso93Key = (id: string) => ['reviews', 'iso93', id] as const;
