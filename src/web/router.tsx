import { Suspense, type ComponentType } from 'react';
import { createRootRoute, createRoute, createRouter, stringifySearchWith } from '@tanstack/react-router';
import { Center, Loader } from '@mantine/core';
import { Shell } from './shell/Shell';
import { readSearch } from './shell/search';
import { NoAccess, NotFound, RouteError } from './shell/NotFound';
import { modules } from './modules';
import { useSession } from './auth/session';
import type { Permission } from './api/types';

function guarded(Page: ComponentType, permission?: Permission) {
  return function Guarded() {
    const { can } = useSession();
    if (permission && !can(permission)) return <NoAccess />;
    return (
      <Suspense
        fallback={
          <Center p="xl">
            <Loader aria-label="…" />
          </Center>
        }
      >
        <Page />
      </Suspense>
    );
  };
}

const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFound });
const children = modules.flatMap((m) =>
  m.routes.map((r) => createRoute({ getParentRoute: () => rootRoute, path: r.path, component: guarded(r.component, r.permission) })),
);

export const router = createRouter({
  routeTree: rootRoute.addChildren(children),
  defaultPreload: false,
  defaultErrorComponent: RouteError,
  // Addresses as people read and share them: every query value is text (?overdue=true, ?year=2025), never
  // JSON-quoted (TanStack's default writes the text "true" as %22true%22 to tell it from the boolean).
  parseSearch: readSearch,
  stringifySearch: stringifySearchWith(JSON.stringify),
});
