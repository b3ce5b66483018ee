import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Incidents: the 60-second report for everyone, and the register, clocks, statistics and import for handlers.
export default defineModule({
  nav: [
    { labelKey: 'incidents:nav.report', path: '/rapportera-incident', permission: 'incident.report', order: 10 },
    // One's own reports; those who read incidents find theirs in the register.
    { labelKey: 'incidents:nav.mine', path: '/mina-rapporter', permission: 'incident.report', order: 11 },
    { labelKey: 'incidents:nav.list', path: '/incidenter', permission: 'incident.read', order: 20 },
  ],
  routes: [
    { path: '/rapportera-incident', component: lazy(() => import('./ReportPage')), permission: 'incident.report' },
    { path: '/mina-rapporter', component: lazy(() => import('./MyReportsPage')), permission: 'incident.report' },
    { path: '/incidenter', component: lazy(() => import('./IncidentsPage')), permission: 'incident.read' },
    { path: '/incidenter/tidsfrister', component: lazy(() => import('./DeadlinesPage')), permission: 'incident.read' },
    { path: '/incidenter/statistik', component: lazy(() => import('./StatsPage')), permission: 'incident.read' },
    { path: '/incidenter/import', component: lazy(() => import('./ImportPage')), permission: 'incident.manage' },
    { path: '/incidenter/kategorier', component: lazy(() => import('./CategoriesPage')), permission: 'incident.manage' },
    // No permission here: a reporter opens their own report (the API answers 404 for anything else).
    { path: '/incidenter/$id', component: lazy(() => import('./DetailPage')) },
  ],
});
