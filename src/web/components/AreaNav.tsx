import { Anchor, Group } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';

export interface AreaLink {
  to: string;
  label: string;
  /** Left out when false (e.g. the user lacks the permission). */
  show: boolean;
}

/** An area's own navigation (incidents, risks …): a named list of links, the current page marked. */
export function AreaNav({ label, links }: { label: string; links: AreaLink[] }) {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <nav aria-label={label}>
      <Group gap="lg" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <li key={l.to}>
              <Anchor component={Link} to={l.to} activeOptions={{ exact: true }} fw={pathname === l.to ? 700 : 400} aria-current={pathname === l.to ? 'page' : undefined}>
                {l.label}
              </Anchor>
            </li>
          ))}
      </Group>
    </nav>
  );
}
