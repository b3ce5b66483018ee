import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Styrdokument: the register for those who keep the documents, and a search page for every employee.
export default defineModule({
  nav: [
    { labelKey: 'documents:nav.find', path: '/hitta-styrdokument', permission: 'document.read', order: 5 },
    { labelKey: 'documents:nav.register', path: '/styrdokument', permission: 'document.manage', order: 46 },
  ],
  routes: [
    { path: '/hitta-styrdokument', component: lazy(() => import('./FindPage')), permission: 'document.read' },
    { path: '/styrdokument', component: lazy(() => import('./DocumentsPage')), permission: 'document.read' },
  ],
});
