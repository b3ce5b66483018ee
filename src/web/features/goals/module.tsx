import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Mål: the verksamhetsplan's goals with indicators and a yearly status.
export default defineModule({
  nav: [{ labelKey: 'goals:nav', path: '/mal', permission: 'plan.read', order: 42 }],
  routes: [{ path: '/mal', component: lazy(() => import('./GoalsPage')), permission: 'plan.read' }],
});
