/**
 * Who may be handler (or action owner) of which incidents, as far as the browser can tell, and which statuses
 * a selection can move to. Pure functions: the server decides (domains/incidents/access.ts checkUser and
 * transitions.ts); these only keep choices out of the lists that the server would refuse.
 */
import { ROLE_PERMISSIONS } from '../../../server/platform/permissions';
import { TRANSITIONS } from '../../../domains/incidents/transitions';
import type { RoleAssignment } from '../../api/types';
import type { Status } from './types';
import { STATUSES } from './types';

/** 'unknown': the user holds incident.read through a samverkansgrupp, whose members the browser does not know. */
export type Readability = 'yes' | 'no' | 'unknown';

/**
 * Whether someone with these roles may read an incident of the organisation with this materialised path
 * ("/<id>/<id>/…/"): incident.read held everywhere, or on the organisation or one above it. The server also
 * lets the reporter read their own report; the list does not say who reported, so that case is not counted.
 */
export function readsIncidentAt(roles: readonly RoleAssignment[], orgPath: string | null | undefined): Readability {
  let unknown = false;
  for (const r of roles) {
    if (!ROLE_PERMISSIONS[r.role]?.includes('incident.read')) continue;
    if (r.groupId) {
      unknown = true;
      continue;
    }
    if (!r.orgId) return 'yes';
    if (!orgPath) unknown = true;
    else if (orgPath.includes(`/${r.orgId}/`)) return 'yes';
  }
  return unknown ? 'unknown' : 'no';
}

/** Over several incidents: 'no' as soon as one is not readable, 'yes' when all are. */
export function readsAll(roles: readonly RoleAssignment[], orgPaths: readonly (string | null | undefined)[]): Readability {
  let result: Readability = 'yes';
  for (const p of orgPaths) {
    const r = readsIncidentAt(roles, p);
    if (r === 'no') return 'no';
    if (r === 'unknown') result = 'unknown';
  }
  return result;
}

/**
 * The statuses offered for a selection: those at least one selected incident may move to (in the usual
 * order). A status every selected incident already has is never among them. With nothing selected: none.
 */
export function reachableStatuses(current: readonly Status[]): Status[] {
  const to = new Set<Status>(current.flatMap((s) => (TRANSITIONS[s] ?? []) as readonly Status[]));
  return STATUSES.filter((s) => to.has(s));
}
