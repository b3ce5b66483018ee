/**
 * Risk API types, inferred from the server's zod contracts (type-only: nothing of the server enters the
 * bundle), and the small vocabulary the UI needs at run time (equal to domains/risks/contract*.ts).
 */
import type { z } from 'zod';
import type * as C from '../../../domains/risks/contract';
import type * as R from '../../../domains/risks/contract-register';

export type Scale = z.infer<typeof C.Scale>;
export type Band = z.infer<typeof C.Band>;
export type ScaleList = z.infer<typeof C.ScaleList>;
export type CreateScale = z.input<typeof C.CreateScale>;
export type MigrationInput = z.input<typeof C.MigrationInput>;
export type MigrationPreview = z.infer<typeof C.MigrationPreview>;
export type Threshold = z.infer<typeof C.Threshold>;
export type Action = z.infer<typeof C.Action>;
export type ActionStatus = Action['status'];
export type ActionParent = z.input<typeof C.CreateAction>['parentType'];
export type ActionListItem = z.infer<typeof C.ActionListItem>;
export type ActionList = z.infer<typeof C.ActionList>;
export type Vor = z.infer<typeof C.Vor>;
export type VorEvent = z.infer<typeof C.VorEvent>;
export type VorSummary = z.infer<typeof C.VorSummary>;
export type NextYearResult = z.infer<typeof C.NextYearResult>;
export type VorProcess = Vor['processes'][number];
export type VorArbetssatt = VorProcess['arbetssatt'][number];

export type RegisterRisk = z.infer<typeof R.RegisterRisk>;
export type RiskList = z.infer<typeof R.RiskList>;
export type Heatmap = z.infer<typeof R.Heatmap>;
export type HeatCell = Heatmap['cells'][number];
export type CreateRisk = z.input<typeof R.CreateRisk>;
export type UpdateRisk = z.input<typeof R.UpdateRisk>;
export type Treatment = NonNullable<RegisterRisk['treatment']>;
export type SourceType = RegisterRisk['sourceType'];
export type Rsa = z.infer<typeof R.Rsa>;
export type RsaActivity = z.infer<typeof R.RsaActivity>;
export type ContinuityPlan = z.infer<typeof R.ContinuityPlan>;
export type PlanStatus = ContinuityPlan['status'];
export type Exercise = z.infer<typeof R.Exercise>;
export type Capability = NonNullable<RsaActivity['capability']>;

export const ACTION_STATUSES: readonly ActionStatus[] = ['planerad', 'pagar', 'klar', 'avbruten'];
export const TREATMENTS: readonly Treatment[] = ['reducera', 'acceptera', 'overfora', 'undvika'];
export const SOURCE_TYPES: readonly SourceType[] = ['vor', 'rsa', 'dso', 'classification', 'supplier', 'incident', 'manual'];
export const DEPENDENCY_TYPES = ['system', 'el', 'personal', 'lokal', 'leverantor', 'it-infrastruktur', 'kommunikation', 'vatten', 'transport', 'annat'] as const;
export const CAPABILITIES: readonly Capability[] = ['god', 'viss', 'bristande'];
export const PLAN_STATUSES: readonly PlanStatus[] = ['saknas', 'under_arbete', 'faststalld'];
export type ExerciseType = Exercise['type'];
export type ExerciseStatus = Exercise['status'];
export const EXERCISE_TYPES: readonly ExerciseType[] = ['diskussionsovning', 'funktionsovning', 'fullskaleovning', 'krisledningsovning', 'aterstallningstest'];
export const EXERCISE_STATUSES: readonly ExerciseStatus[] = ['planerad', 'genomford', 'installd'];
export const RSA_STATUSES: readonly Rsa['status'][] = ['planerad', 'pagar', 'klar'];

/** The part of a scale the matrix picker and the heat map need. */
export interface ScaleShape {
  likelihood: readonly string[];
  consequence: readonly string[];
  bands: readonly Band[];
}

export const bandFor = (bands: readonly Band[], value: number) => bands.find((b) => value >= b.min && value <= b.max);
