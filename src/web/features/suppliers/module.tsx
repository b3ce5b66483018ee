import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Leverantörsregister: the förvaltning's suppliers with PUB-avtal, third-country transfers, sub-suppliers and follow-up (part of objektförvaltningen).
export default defineModule({
  nav: [{ labelKey: 'suppliers:nav', path: '/leverantorer', permission: 'object.read', order: 32.5 }],
  routes: [{ path: '/leverantorer', component: lazy(() => import('./SuppliersPage')), permission: 'object.read' }],
});
