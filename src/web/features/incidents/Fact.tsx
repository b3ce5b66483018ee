import { Text } from '@mantine/core';

/** One fact of a record as a dt/dd pair (inside a <dl>: a pair outside one is invalid, axe dlitem); "–" when empty. */
export function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="sm" fw={700} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {value || '–'}
      </Text>
    </div>
  );
}
