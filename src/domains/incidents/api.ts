import type { RouteDef } from '../../server/platform/http';

/** Incident record routes (filled in by the incidents work). */
export const routes: RouteDef[] = [];
