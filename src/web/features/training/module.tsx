import { lazy } from 'react';
import { defineModule } from '../../module-types';

// Utbildning: the trainings held and the completion of the city's e-courses per unit and year.
export default defineModule({
  nav: [{ labelKey: 'training:nav', path: '/utbildning', permission: 'plan.read', order: 45 }],
  routes: [{ path: '/utbildning', component: lazy(() => import('./TrainingPage')), permission: 'plan.read' }],
});
