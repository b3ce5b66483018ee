import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Risker: VoR and IKP per year, the risk register with heat map, RSA, continuity and exercises, scales.
// The start page's attention links point at /risker/atgarder, /risker/kontinuitet (its RSA tab: ?flik=rsa) and
// /risker/register. /risker/rsa, the RSA page before Kontinuitet had the tab, sends its address there.
// Kontinuitet (RSA, plans, exercises) has its own link in the group "Risk, system och dataskydd".
export default defineModule({
  nav: [
    { labelKey: 'risks:nav', path: '/risker', permission: 'risk.read', order: 30 },
    { labelKey: 'risks:navContinuity', path: '/risker/kontinuitet', permission: 'risk.read', order: 31 },
  ],
  routes: [
    { path: '/risker', component: lazy(() => import('./VorPage')), permission: 'risk.read' },
    { path: '/risker/ikp', component: lazy(() => import('./IkpPage')), permission: 'risk.read' },
    { path: '/risker/register', component: lazy(() => import('./RegisterPage')), permission: 'risk.read' },
    { path: '/risker/rsa', component: lazy(() => import('./RsaPage')), permission: 'risk.read' },
    { path: '/risker/kontinuitet', component: lazy(() => import('./ContinuityPage')), permission: 'risk.read' },
    { path: '/risker/atgarder', component: lazy(() => import('./ActionsPage')), permission: 'risk.read' },
    { path: '/risker/skalor', component: lazy(() => import('./ScalesPage')), permission: 'risk.read' },
  ],
});
