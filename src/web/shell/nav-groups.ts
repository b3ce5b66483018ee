import type { NavItem } from '../module-types';

/** The navigation's groups, by a link's order (module-types.ts NavItem.order); `key` names the group in common.json shell.groups. */
const GROUPS: { key: string; below: number }[] = [
  { key: 'everyone', below: 10 },
  { key: 'incidents', below: 30 },
  { key: 'risk', below: 40 },
  { key: 'governance', below: 80 },
  { key: 'admin', below: Infinity },
];

/** The links in their groups, in order; empty groups left out. */
export function navGroups(links: NavItem[]): { key: string; links: NavItem[] }[] {
  return GROUPS.map((g, i) => ({
    key: g.key,
    links: links.filter((n) => (n.order ?? 100) < g.below && (i === 0 || (n.order ?? 100) >= GROUPS[i - 1].below)),
  })).filter((g) => g.links.length > 0);
}
