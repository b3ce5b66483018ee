import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Förbättringsplan: activities per year and area, progress, carrying unfinished ones into the next year.
export default defineModule({
  nav: [{ labelKey: 'plans:nav', path: '/forbattringsplan', permission: 'plan.read', order: 40 }],
  routes: [{ path: '/forbattringsplan', component: lazy(() => import('./PlanPage')), permission: 'plan.read' }],
});
