import type { RouteDef } from '../../../server/platform/http';

/** Import upload routes (filled in by the import work). */
export const routes: RouteDef[] = [];
