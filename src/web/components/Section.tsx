import type { ReactNode, Ref } from 'react';
import { Paper, Title } from '@mantine/core';

/**
 * A bordered panel of a detail page: a `<section>` named by its level-2 heading. With headingRef the heading can
 * take focus from script (tabIndex -1), for when the control used is gone (a row's button after marking it done).
 */
export function Section({ id, title, children, headingRef }: { id: string; title: string; children: ReactNode; headingRef?: Ref<HTMLHeadingElement> }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="xs" ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}
