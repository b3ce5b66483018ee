import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Objekt: the objektlista (Pm3) with each object's information classification (KLASSA) and yearly reclassification.
export default defineModule({
  nav: [{ labelKey: 'objects:nav', path: '/objekt', permission: 'object.read', order: 32 }],
  routes: [{ path: '/objekt', component: lazy(() => import('./ObjectsPage')), permission: 'object.read' }],
});
