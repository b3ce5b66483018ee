import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Ledningens genomgång (ISO 27001 9.3): the meeting, inputs (a)–(g), decisions, conclusion and sign-off.
export default defineModule({
  nav: [{ labelKey: 'review:nav', path: '/ledningens-genomgang', permission: 'report.read', order: 48 }],
  routes: [
    { path: '/ledningens-genomgang', component: lazy(() => import('./ReviewsPage')), permission: 'report.read' },
    { path: '/ledningens-genomgang/$id', component: lazy(() => import('./ReviewPage')), permission: 'report.read' },
  ],
});
