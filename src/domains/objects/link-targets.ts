import type { LinkTargetProvider } from '../../server/platform/link-targets';
import { namedRecordTargets } from '../org/named-link-targets';
import { digitalObjects as d } from './table';

/**
 * Objects of the objektlista (the system an incident happened in: a supplier breach in Procedo, a wrong recipient in
 * Pascal), readable as in the list: object.read on the object's organisation.
 */
export const linkTargets: LinkTargetProvider[] = [
  namedRecordTargets({ type: 'object', table: d, columns: { id: d.id, name: d.name, archived: d.archived, orgId: d.orgId }, permission: 'object.read', href: '/objekt', archivedWord: 'arkiverat' }),
];
