import type { NavItem, WebModule } from './module-types';

// Discovery of feature modules (see module-types.ts). Kept apart from defineModule so that the feature
// modules, which this file imports, do not import this file back (a cycle breaks the bundle's order).
const found = import.meta.glob<WebModule>('./features/*/module.tsx', { eager: true, import: 'default' });

export const modules: WebModule[] = Object.keys(found)
  .sort()
  .map((k) => found[k]);

export const navItems: NavItem[] = modules.flatMap((m) => m.nav ?? []).sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
