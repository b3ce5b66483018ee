import type { ManualTable, Section } from '../../../domains/reports/outline';
import type { ReportIso93 } from '../../../domains/reports/iso93';
import type { Block, Inline, RichDoc } from '../../../domains/reports/richtext';

export type { Block, Inline, ManualTable, ReportIso93, RichDoc, Section };

/** One section as GET /api/reports/{id} returns it: the stored section and its derived number. */
export type OutlineEntry = Section & { number: string | null };

export type ReportStatus = 'utkast' | 'under_granskning' | 'godkand';

/** GET /api/reports/{id} (reports/service.ts reportDto). */
export interface Report {
  id: string;
  org: { slug: string; name: string; type: string };
  year: number;
  status: ReportStatus;
  revision: number;
  version: number;
  templateId: string | null;
  carriedFromVersionId: string | null;
  outline: OutlineEntry[];
  updatedAt: string;
}

export interface ReportComment { id: string; sectionId: string; body: string; author: string; createdAt: string }

export interface ReportVersion {
  id: string; revision: number; approvedBy: string; approvedAt: string; docxSha256: string; pdfSha256: string; jsonSha256: string;
}

export interface ReportTemplate { id: string; name: string; createdAt?: string }

export interface CompareResult {
  a: { label: string; revision: number; asOf: string };
  b: { label: string; revision: number; asOf: string };
  figures: { path: string; a: unknown; b: unknown }[];
  sections: { id: string; titleA: string | null; titleB: string | null; numberA: string | null; numberB: string | null; changed: boolean; diff: { op: '+' | '-' | '='; text: string }[] }[];
}

export const reportKey = (id: string) => ['reports', 'one', id] as const;
export const STATUS_COLOR: Record<ReportStatus, string> = { utkast: 'gray', under_granskning: 'orange', godkand: 'green' };
