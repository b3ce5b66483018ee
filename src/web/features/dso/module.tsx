import { lazy } from 'react';
import { defineModule } from '../../module-types';

// DSO-uppföljning: the data protection officer's recommendations and the förvaltning's response.
export default defineModule({
  nav: [{ labelKey: 'dso:nav', path: '/dso-uppfoljning', permission: 'plan.read', order: 44 }],
  routes: [{ path: '/dso-uppfoljning', component: lazy(() => import('./DsoPage')), permission: 'plan.read' }],
});
