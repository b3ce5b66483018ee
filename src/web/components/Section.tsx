import type { ReactNode } from 'react';
import { Paper, Title } from '@mantine/core';

/** A bordered panel of a detail page: a `<section>` named by its level-2 heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
