import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Internkontroll: the IKP's kontrollmoment per organisation and year, and their results per period.
export default defineModule({
  nav: [{ labelKey: 'internalControl:nav', path: '/internkontroll', permission: 'risk.read', order: 41 }],
  routes: [{ path: '/internkontroll', component: lazy(() => import('./InternalControlPage')), permission: 'risk.read' }],
});
