import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Mognad: the yearly maturity measurement (MSB's levels 1–4 per area) and its trend.
export default defineModule({
  nav: [{ labelKey: 'maturity:nav', path: '/mognad', permission: 'plan.read', order: 43 }],
  routes: [{ path: '/mognad', component: lazy(() => import('./MaturityPage')), permission: 'plan.read' }],
});
