import type { ReactNode } from 'react';
import { Group, Text, Title } from '@mantine/core';

/** A page's h1 and its one-line introduction, with the page's main control (a button, a year) beside them. */
export function PageHeader({ title, intro, children }: { title: string; intro: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end">
      <div>
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{intro}</Text>
      </div>
      {children}
    </Group>
  );
}
