import type { ComponentType } from 'react';
import type { Permission } from './api/types';

/**
 * A feature module: one folder src/web/features/<domain>/ with a module.tsx whose default export is a
 * `WebModule`. The shell finds every module at build time; adding a domain's UI is adding a folder.
 * Keep module.tsx light (it is in the initial bundle): pages are React.lazy imports.
 */
export interface NavItem {
  /** i18n key of the link text, e.g. 'org:nav'. */
  labelKey: string;
  path: string;
  /** Shown only to users who hold this permission somewhere. */
  permission?: Permission;
  /**
   * Position in the navigation (lower first), which also gives the group the link is shown in (shell/nav-groups.ts):
   * below 10 everyone's, 10–29 incidents, 30s risk, systems and data protection, 40s governance and follow-up, 80 and
   * above administration.
   */
  order?: number;
}

export interface ModuleRoute {
  /** Path as TanStack Router writes it, e.g. '/organisationer' or '/incidenter/$id'. */
  path: string;
  /** Usually React.lazy(() => import('./SomePage')). */
  component: ComponentType;
  /** Users without it see a "no access" message instead of the page. */
  permission?: Permission;
}

export interface WebModule {
  nav?: NavItem[];
  routes: ModuleRoute[];
}

export const defineModule = (m: WebModule) => m;
