import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Registerförteckning: the GDPR record of processing activities (art. 30) with the DSO's approval and the DPIA threshold analysis.
export default defineModule({
  nav: [{ labelKey: 'privacy:nav', path: '/registerforteckning', permission: 'privacy.read', order: 33 }],
  routes: [{ path: '/registerforteckning', component: lazy(() => import('./PrivacyPage')), permission: 'privacy.read' }],
});
