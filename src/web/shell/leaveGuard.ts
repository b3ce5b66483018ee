/**
 * Unsaved work that is not behind a route change: switching the organisation in the header (or another
 * in-page choice) remounts a page and would throw away what was typed. A page with unsaved changes
 * registers a guard; `leaveThen(proceed)` asks the guards first. A guard that returns true has taken over
 * (it asks the user and calls `proceed` if they agree); otherwise `proceed` runs at once.
 * Route changes and closing the tab are handled by the router's blocker and beforeunload (see UnsavedChanges).
 */
type Guard = (proceed: () => void) => boolean;

const guards = new Set<Guard>();

export function registerLeaveGuard(guard: Guard): () => void {
  guards.add(guard);
  return () => {
    guards.delete(guard);
  };
}

export function leaveThen(proceed: () => void): void {
  for (const g of guards) if (g(proceed)) return;
  proceed();
}
