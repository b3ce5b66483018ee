import { lazy } from 'react';
import { defineModule } from '../../module-types';

export default defineModule({
  nav: [{ labelKey: 'start:nav', path: '/', order: 0 }],
  routes: [{ path: '/', component: lazy(() => import('./StartPage')) }],
});
