import type { LinkTargetProvider } from '../../server/platform/link-targets';
import { namedRecordTargets } from '../org/named-link-targets';
import { suppliers as s } from './table';

/**
 * Suppliers of the leverantörsregister (the supplier whose breach an incident is: Miljödata's, reported to IMY),
 * readable as in the register: object.read on the supplier's organisation.
 */
export const linkTargets: LinkTargetProvider[] = [
  namedRecordTargets({
    type: 'supplier', table: s, columns: { id: s.id, name: s.name, archived: s.archived, orgId: s.orgId }, permission: 'object.read', href: '/leverantorer', archivedWord: 'arkiverad',
  }),
];
