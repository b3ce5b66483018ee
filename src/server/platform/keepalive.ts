import type { Server } from 'node:http';

/**
 * Seconds an idle keep-alive connection stays open. Longer than a load balancer's usual idle timeout (60 s): with
 * Node's 5 s the server closes connections the balancer (or any client) may be sending its next request on at
 * that moment, which then fails with ECONNRESET (a 502 at the balancer). Shutdown closes idle connections itself.
 */
export const KEEP_ALIVE_SECONDS = 65;

export function keepConnectionsAlive(server: unknown): void {
  const s = server as Partial<Server>;
  s.keepAliveTimeout = KEEP_ALIVE_SECONDS * 1000;
  // Must exceed keepAliveTimeout, or Node may close a connection while a new request's headers arrive.
  s.headersTimeout = (KEEP_ALIVE_SECONDS + 1) * 1000;
}
