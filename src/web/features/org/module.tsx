import { lazy } from 'react';
import { defineModule } from '../../module-types';

export default defineModule({
  nav: [{ labelKey: 'org:nav', path: '/organisationer', permission: 'org.read', order: 80 }],
  routes: [{ path: '/organisationer', component: lazy(() => import('./OrgsPage')), permission: 'org.read' }],
});
