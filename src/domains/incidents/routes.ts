import { routes as recordRoutes } from './api';
import { routes as importRoutes } from './import/routes';

// Import routes first: their static paths (/api/incidents/import…) must win over /api/incidents/{id}.
export const routes = [...importRoutes, ...recordRoutes];
