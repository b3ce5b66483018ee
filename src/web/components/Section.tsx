import type { ReactNode, Ref } from 'react';
import { Paper, Text, Title } from '@mantine/core';

/**
 * A bordered panel of a detail page: a `<section>` named by its level-2 heading. With headingRef the heading can
 * take focus from script (tabIndex -1), for when the control used is gone (a row's button after marking it done).
 * With `help`, a short text under the heading that describes the section. `order` 3 makes it a part of another
 * section: a level-3 heading, no border of its own.
 */
export function Section({ id, title, children, headingRef, help, order = 2 }: {
  id: string; title: string; children: ReactNode; headingRef?: Ref<HTMLHeadingElement>; help?: ReactNode; order?: 2 | 3;
}) {
  const part = order === 3;
  return (
    <Paper withBorder={!part} p={part ? 0 : 'md'} mt={part ? 'lg' : undefined} component="section" aria-labelledby={id} aria-describedby={help ? `${id}-help` : undefined}>
      <Title order={order} size={part ? 'h4' : 'h3'} id={id} mb="xs" ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </Title>
      {help && (
        <Text size="sm" id={`${id}-help`} mb="sm">
          {help}
        </Text>
      )}
      {children}
    </Paper>
  );
}
