import type { LinkTargetProvider } from '../../server/platform/link-targets';
import { namedRecordTargets } from '../org/named-link-targets';
import { processingActivities as a } from './table';

/**
 * Processing activities of the registerförteckning (the behandling a personal-data breach concerns), readable as in the
 * register: privacy.read on the activity's organisation.
 */
export const linkTargets: LinkTargetProvider[] = [
  namedRecordTargets({
    type: 'processing_activity', table: a, columns: { id: a.id, name: a.name, archived: a.archived, orgId: a.orgId }, permission: 'privacy.read', href: '/registerforteckning', archivedWord: 'arkiverad',
  }),
];
