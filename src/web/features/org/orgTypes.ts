import type { Org, OrgType } from '../../api/types';

/**
 * Which types may sit directly under which. Mirrors CHILD_TYPES in src/domains/org/contract.ts (imported
 * there with zod, which we keep out of the browser bundle); orgTypes.test.ts fails if the two drift apart.
 */
export const CHILD_TYPES: Record<OrgType, readonly OrgType[]> = {
  stad: ['forvaltning', 'namnd', 'bolag'],
  forvaltning: ['avdelning', 'enhet'],
  namnd: ['avdelning', 'enhet'],
  bolag: ['avdelning', 'enhet'],
  avdelning: ['avdelning', 'enhet'],
  enhet: ['enhet'],
};

/** Types allowed at the top of the tree (no parent). */
export const ROOT_TYPES: readonly OrgType[] = ['stad', 'forvaltning', 'namnd', 'bolag'];

/** Orgs that may become the new parent of `org`: the type fits, not archived, not itself or below itself. */
export function moveTargets(org: Org, orgs: Org[]): Org[] {
  return orgs.filter(
    (p) => !p.archivedAt && p.id !== org.parentId && !p.path.startsWith(org.path) && CHILD_TYPES[p.type].includes(org.type),
  );
}
