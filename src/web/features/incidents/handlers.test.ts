import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../../domains/incidents/transitions';
import type { RoleAssignment } from '../../api/types';
import { reachableStatuses, readsAll, readsIncidentAt } from './handlers';
import { STATUSES } from './types';

const STAD = '11111111-1111-4111-8111-111111111111';
const FORV = '22222222-2222-4222-8222-222222222222';
const ENHET = '33333333-3333-4333-8333-333333333333';
const OTHER = '44444444-4444-4444-8444-444444444444';
const path = (...ids: string[]) => `/${ids.join('/')}/`;

const role = (r: RoleAssignment['role'], orgId: string | null, groupId: string | null = null): RoleAssignment => ({
  id: `r-${r}-${orgId ?? groupId ?? 'all'}`,
  role: r,
  orgId,
  orgSlug: orgId ? `org-${orgId.slice(0, 4)}` : null,
  orgName: null,
  groupId,
  groupSlug: groupId ? 'grupp' : null,
  groupName: null,
});

describe('readsIncidentAt', () => {
  it('reads the org of the role and everything below it, not beside or above', () => {
    const isam = [role('isam', FORV)];
    expect(readsIncidentAt(isam, path(STAD, FORV))).toBe('yes');
    expect(readsIncidentAt(isam, path(STAD, FORV, ENHET))).toBe('yes');
    expect(readsIncidentAt(isam, path(STAD))).toBe('no');
    expect(readsIncidentAt(isam, path(STAD, OTHER))).toBe('no');
  });

  it('a role without incident.read (medarbetare) reads nothing; a global role reads everything', () => {
    expect(readsIncidentAt([role('medarbetare', STAD)], path(STAD, FORV))).toBe('no');
    expect(readsIncidentAt([role('systemadministrator', null)], path(STAD, OTHER))).toBe('yes');
    expect(readsIncidentAt([], path(STAD))).toBe('no');
  });

  it('a samverkansgrupp role, or an org the browser does not know, is left to the server', () => {
    expect(readsIncidentAt([role('lasare', null, OTHER)], path(STAD, FORV))).toBe('unknown');
    expect(readsIncidentAt([role('isam', FORV)], undefined)).toBe('unknown');
    expect(readsIncidentAt([role('lasare', null, OTHER), role('isam', FORV)], path(STAD, FORV))).toBe('yes');
  });
});

describe('readsAll', () => {
  it('is no when one incident is out of reach', () => {
    const chef = [role('chef', ENHET)];
    expect(readsAll(chef, [path(STAD, FORV, ENHET), path(STAD, FORV, ENHET)])).toBe('yes');
    expect(readsAll(chef, [path(STAD, FORV, ENHET), path(STAD, FORV)])).toBe('no');
    expect(readsAll([role('lasare', null, OTHER)], [path(STAD)])).toBe('unknown');
  });
});

describe('reachableStatuses', () => {
  it('offers what at least one selected incident may move to, never the status all already have', () => {
    expect(reachableStatuses(['Rapporterad'])).toEqual(['Under registrering', 'Förfallen']);
    expect(reachableStatuses(['Under registrering', 'Under registrering'])).toEqual(['Under utredning', 'Förfallen']);
    expect(reachableStatuses(['Rapporterad', 'Under registrering'])).toEqual(['Under registrering', 'Under utredning', 'Förfallen']);
    expect(reachableStatuses([])).toEqual([]);
    for (const s of STATUSES) expect(reachableStatuses([s])).not.toContain(s);
  });

  it('follows the server transitions', () => {
    for (const s of STATUSES) expect(new Set(reachableStatuses([s]))).toEqual(new Set(TRANSITIONS[s]));
  });
});
