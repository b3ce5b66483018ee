/**
 * The Objekt page's columns apart from their rendering: the header in the page's language, the value the page sorts,
 * searches and exports, whether it is shown at first, and what it is exported with. The page
 * (web/features/objects/ObjectsPage.tsx) adds its badges; its export writes these values (web/components/
 * registerExport.ts), and the objektlista import reads them back (import/columns.ts, import/values.ts): an unedited
 * export imports as unchanged (import/page-export.test.ts builds the export from this module as the page does).
 * Types only from the contract: the web bundle stays without zod.
 */
import type { SheetValue } from '../../server/platform/sheet';
import type { Aspect, DigitalObject } from './contract';

/** The page's translation function in the `objects` namespace (react-i18next's t, or a test's fixed t). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ObjectListColumn {
  key: string;
  header: string;
  value: (row: DigitalObject) => SheetValue;
  hidden?: boolean;
  /** Exported whenever that column is (web/components/registerColumns.ts): a status and its date travel together. */
  exportWith?: string;
}

/** K, R, T, S in KLASSA's order (the contract's ASPECTS, not imported: it would pull zod into the page). */
const ASPECT_ORDER: Aspect[] = ['konfidentialitet', 'riktighet', 'tillganglighet', 'sparbarhet'];

/**
 * The columns, in the page's order. `year` is the follow-up column's (this year in Stockholm). A classification's
 * status is exported with its date, hidden or not, since a Klar status is read back only with its date (a new
 * object's row would be refused without it) and a date only with Klar.
 */
export function objectListColumns(t: Translate, year: number): ObjectListColumn[] {
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  return [
    { key: 'name', header: t('column.name'), value: (r) => r.name },
    { key: 'org', header: t('column.org'), value: (r) => r.org.name },
    { key: 'normerande', header: t('column.normerande'), value: (r) => t(`status.${r.normerandeStatus}`), exportWith: 'normerandeClassified' },
    { key: 'normerandeClassified', header: t('column.normerandeClassified'), value: (r) => r.normerandeDate ?? '', hidden: true, exportWith: 'normerande' },
    { key: 'lokal', header: t('column.lokal'), value: (r) => t(`status.${r.lokalStatus}`), exportWith: 'classified' },
    { key: 'classified', header: t('column.classified'), value: (r) => r.lokalDate ?? '', hidden: true, exportWith: 'lokal' },
    { key: 'next', header: t('column.next'), value: (r) => r.nextReclassification ?? '' },
    { key: 'nis', header: t('column.nis'), value: (r) => yesNo(r.nis) },
    { key: 'pub', header: t('column.pub'), value: (r) => t(`pub.${r.pubAgreement}`), hidden: true },
    { key: 'followUp', header: t('column.followUp', { year }), value: (r) => t(r.followUp.done ? 'followUp.doneBadge' : 'followUp.missingBadge') },
    { key: 'levels', header: t('column.levels'), value: (r) => ASPECT_ORDER.map((a) => r[a] ?? '–').join('/'), hidden: true },
    { key: 'owner', header: t('column.owner'), value: (r) => r.owner, hidden: true },
    { key: 'supplier', header: t('column.supplier'), value: (r) => r.supplier, hidden: true },
  ];
}
