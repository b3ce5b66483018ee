import { lazy } from 'react';
import { defineModule } from '../../module-types';

export default defineModule({
  nav: [{ labelKey: 'account:nav', path: '/mitt-konto', order: 95 }],
  routes: [{ path: '/mitt-konto', component: lazy(() => import('./AccountPage')) }],
});
