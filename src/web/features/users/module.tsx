import { lazy } from 'react';
import { defineModule } from '../../module-types';

export default defineModule({
  nav: [{ labelKey: 'users:nav', path: '/anvandare', permission: 'user.read', order: 85 }],
  routes: [{ path: '/anvandare', component: lazy(() => import('./UsersPage')), permission: 'user.read' }],
});
