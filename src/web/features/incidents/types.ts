/**
 * Incident API types, inferred from the server's zod contract (type-only: nothing of the server enters the
 * bundle), and the vocabulary the UI needs at run time (kept here, equal to domains/incidents/model.ts).
 */
import type { z } from 'zod';
import type * as C from '../../../domains/incidents/contract';

export type IncidentSummary = z.infer<typeof C.IncidentSummary>;
export type IncidentListItem = z.infer<typeof C.IncidentListItem>;
export type IncidentDetail = z.infer<typeof C.IncidentDetail>;
export type IncidentFigures = z.infer<typeof C.IncidentFigures> & { org: { slug: string; name: string }; year: number };
export type Clock = z.infer<typeof C.ClockDto>;
export type ClockState = Clock['state'];
export type Receipt = z.infer<typeof C.Receipt>;
export type ListCount = z.infer<typeof C.ListCount>;
export type QuickReport = z.input<typeof C.QuickReport>;
export type UpdateIncident = z.input<typeof C.UpdateIncident>;
export type BulkUpdate = z.input<typeof C.BulkUpdate>;
export type IncidentAction = z.infer<typeof C.ActionDto>;
export type IncidentComment = z.infer<typeof C.CommentDto>;
export type IncidentAttachment = z.infer<typeof C.AttachmentDto>;
export type IncidentLink = z.infer<typeof C.LinkDto>;
export type LinkTarget = z.infer<typeof C.LinkTargetDto>;
export type LinkTargetType = z.infer<typeof C.CreateLink>['targetType'];
export type CreateLink = z.input<typeof C.CreateLink>;
export type CategoryDto = z.infer<typeof C.CategoryDto>;
export type CategoryList = z.infer<typeof C.CategoryList>;
export type CategoryUpdated = z.infer<typeof C.CategoryUpdated>;
export type CreateCategory = z.input<typeof C.CreateCategory>;
export type UpdateCategory = z.input<typeof C.UpdateCategory>;
export type Status = IncidentSummary['status'];
export type PersonalData = IncidentSummary['personalData'];
export type Risk = NonNullable<IncidentSummary['riskAssessment']>;

export interface ListPage {
  items: IncidentListItem[];
  nextCursor: string | null;
}

export type CategoryTemplate = z.infer<typeof C.CategoryTemplateDto>;

export type DeadlineItem = z.infer<typeof C.DeadlineItemDto>;

export type { ImportError, ImportSummary } from '../../../server/platform/tabular/summary';

export const STATUSES: readonly Status[] = ['Rapporterad', 'Under registrering', 'Under utredning', 'Under åtgärd', 'Klar', 'Förfallen'];
export const KINDS = ['Informationssäkerhet', 'IT-säkerhet', 'Personuppgiftsincident', 'Arbetsmiljö'] as const;
export const PERSONAL_DATA: readonly PersonalData[] = ['ja', 'nej', 'vet_ej'];
export const RISKS: readonly Risk[] = ['ingen_trolig_risk', 'risk', 'hog_risk'];
/** What an incident can be linked to (equal to LINK_TARGET_TYPES in the contract); labels are links.type.*. */
export const LINK_TYPES: readonly LinkTargetType[] = ['incident', 'risk', 'document', 'plan_activity', 'object', 'processing_activity', 'supplier', 'url'];

/** i18n keys for the Swedish data words. */
export const STATUS_KEY: Record<Status, string> = {
  Rapporterad: 'reported',
  'Under registrering': 'registering',
  'Under utredning': 'investigating',
  'Under åtgärd': 'actioning',
  Klar: 'done',
  Förfallen: 'lapsed',
};
export const KIND_KEY: Record<string, string> = {
  Informationssäkerhet: 'infosec',
  'IT-säkerhet': 'itsec',
  Personuppgiftsincident: 'personal',
  Arbetsmiljö: 'workenv',
};
