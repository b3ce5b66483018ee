import { routes as recordRoutes } from './api';
import { routes as importRoutes } from './import/routes';

export const routes = [...recordRoutes, ...importRoutes];
