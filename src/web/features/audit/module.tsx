import { lazy } from 'react';
import { defineModule } from '../../module-types';

export default defineModule({
  nav: [{ labelKey: 'audit:nav', path: '/granskningslogg', permission: 'audit.read', order: 90 }],
  routes: [{ path: '/granskningslogg', component: lazy(() => import('./AuditPage')), permission: 'audit.read' }],
});
