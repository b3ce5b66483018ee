import { lazy } from 'react';
import { defineModule } from '../../module-types';

// The accessibility statement (tillgänglighetsredogörelse): for everyone, linked in the footer and, before signing in,
// on the login page (App.tsx shows it without a session).
export default defineModule({
  routes: [{ path: '/tillganglighet', component: lazy(() => import('./AccessibilityStatement')) }],
});
