import { ActionIcon, Button, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ManualTable } from './types';

/** Manual tables of a section (for figures that have no module yet): caption, column headers, rows of text. */
export function TablesEditor({ tables, onChange, readOnly }: { tables: ManualTable[]; onChange: (t: ManualTable[]) => void; readOnly: boolean }) {
  const { t } = useTranslation('reports');
  const set = (i: number, next: ManualTable) => onChange(tables.map((x, j) => (j === i ? next : x)));
  const add = () => {
    const used = new Set(tables.map((x) => x.id));
    let n = tables.length + 1;
    while (used.has(`tabell-${n}`)) n++;
    onChange([...tables, { id: `tabell-${n}`, caption: t('tables.newCaption'), columns: [t('tables.column', { n: 1 }), t('tables.column', { n: 2 })], rows: [['', '']] }]);
  };
  return (
    <Stack gap="md">
      {tables.length === 0 && <Text size="sm" c="dimmed">{t('tables.none')}</Text>}
      {tables.map((tb, i) => (
        <Stack key={tb.id} gap={6} className="manual-table">
          <TextInput label={t('tables.caption')} value={tb.caption} readOnly={readOnly} onChange={(e) => set(i, { ...tb, caption: e.currentTarget.value })} />
          <div className="manual-table-scroll">
            <Table withTableBorder withColumnBorders verticalSpacing={2} aria-label={tb.caption || t('tables.caption')}>
              <Table.Thead>
                <Table.Tr>
                  {tb.columns.map((c, ci) => (
                    <Table.Th key={ci}>
                      <TextInput
                        size="xs"
                        aria-label={t('tables.columnLabel', { n: ci + 1 })}
                        value={c}
                        readOnly={readOnly}
                        onChange={(e) => set(i, { ...tb, columns: tb.columns.map((x, k) => (k === ci ? e.currentTarget.value : x)) })}
                      />
                    </Table.Th>
                  ))}
                  {!readOnly && <Table.Th><VisuallyHidden>{t("tables.rowActions")}</VisuallyHidden></Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tb.rows.map((r, ri) => (
                  <Table.Tr key={ri}>
                    {tb.columns.map((c, ci) => (
                      <Table.Td key={ci}>
                        <TextInput
                          size="xs"
                          aria-label={t('tables.cellLabel', { row: ri + 1, column: c || ci + 1 })}
                          value={r[ci] ?? ''}
                          readOnly={readOnly}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            set(i, { ...tb, rows: tb.rows.map((row, k) => (k === ri ? tb.columns.map((_, m) => (m === ci ? v : (row[m] ?? ''))) : row)) });
                          }}
                        />
                      </Table.Td>
                    ))}
                    {!readOnly && (
                      <Table.Td>
                        <ActionIcon variant="subtle" color="red" aria-label={t('tables.removeRow', { n: ri + 1 })} onClick={() => set(i, { ...tb, rows: tb.rows.filter((_, k) => k !== ri) })}>
                          ×
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {!readOnly && (
            <Group gap={4}>
              <Button size="compact-sm" variant="default" onClick={() => set(i, { ...tb, rows: [...tb.rows, tb.columns.map(() => '')] })}>{t('tables.addRow')}</Button>
              <Button size="compact-sm" variant="default" disabled={tb.columns.length >= 20} onClick={() => set(i, { ...tb, columns: [...tb.columns, t('tables.column', { n: tb.columns.length + 1 })], rows: tb.rows.map((r) => [...r, '']) })}>{t('tables.addColumn')}</Button>
              <Button size="compact-sm" variant="default" disabled={tb.columns.length <= 1} onClick={() => set(i, { ...tb, columns: tb.columns.slice(0, -1), rows: tb.rows.map((r) => r.slice(0, tb.columns.length - 1)) })}>{t('tables.removeColumn')}</Button>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => onChange(tables.filter((_, k) => k !== i))}>{t('tables.removeTable')}</Button>
            </Group>
          )}
        </Stack>
      ))}
      {!readOnly && tables.length < 20 && (
        <Group>
          <Button size="compact-sm" variant="light" onClick={add}>{t('tables.add')}</Button>
        </Group>
      )}
    </Stack>
  );
}
