import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Ledningens genomgång – the yearly report: outline, narrative, preview, approval, versions and downloads.
export default defineModule({
  nav: [{ labelKey: 'reports:nav', path: '/rapport', permission: 'report.read', order: 49 }],
  routes: [
    { path: '/rapport', component: lazy(() => import('./ReportPage')), permission: 'report.read' },
    { path: '/rapport/$id/versioner', component: lazy(() => import('./VersionsPage')), permission: 'report.read' },
  ],
});
