import { lazy } from 'react';
import { defineModule } from '../../module-types';

// NIS2-åtgärder: the security measures under cybersäkerhetslagen per organisation and year, and their approval.
export default defineModule({
  nav: [{ labelKey: 'nis2:nav', path: '/nis2', permission: 'risk.read', order: 33 }],
  routes: [{ path: '/nis2', component: lazy(() => import('./Nis2Page')), permission: 'risk.read' }],
});
