import { useState } from 'react';
import { Alert, Badge, Button, Group, List, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import type { MigrationPreview, Scale } from './types';

/** Moving assessments to another scale version: an explicit preview, then apply (audited; 409 if the basis changed). */
export function MigrationPanel({ org, versions }: { org: string; versions: Scale[] }) {
  const { t } = useTranslation('risks');
  const qc = useQueryClient();
  const current = versions.find((v) => v.current) ?? versions[0];
  const older = versions.filter((v) => v.id !== current.id);
  const [from, setFrom] = useState(older[0]?.id ?? '');
  const [to, setTo] = useState(current.id);
  const [preview, setPreview] = useState<MigrationPreview | null>(null);
  const body = { org, fromScaleId: from, toScaleId: to };
  const show = useSubmit(() => api.post<MigrationPreview>('/risks/scales/migrations/preview', body));
  const apply = useSubmit(() => api.post<MigrationPreview>('/risks/scales/migrations/apply', { ...body, expectedTotal: preview?.counts.total }));
  const label = (s: Scale) => `${t('scales.version')} ${s.scaleVersion}: ${s.name} (${s.likelihood.length}×${s.consequence.length})`;

  return (
    <section aria-labelledby="migration-title">
      <Title order={2} size="h3" id="migration-title" mb="xs">
        {t('migration.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('migration.help')}</Text>
        <Group align="flex-end">
          <NativeSelect label={t('migration.from')} value={from} onChange={(e) => { setFrom(e.currentTarget.value); setPreview(null); }} data={versions.map((v) => ({ value: v.id, label: label(v) }))} />
          <NativeSelect label={t('migration.to')} value={to} onChange={(e) => { setTo(e.currentTarget.value); setPreview(null); }} data={versions.map((v) => ({ value: v.id, label: label(v) }))} />
          <Button variant="default" loading={show.busy} onClick={() => void show.run().then((r) => r && setPreview(r))}>
            {t('migration.preview')}
          </Button>
        </Group>
        <ProblemAlert error={show.error ?? apply.error} onReload={() => void show.run().then((r) => r && setPreview(r))} />
        {preview && (
          <Stack gap="xs">
            <Alert color={preview.applied ? 'green' : 'blue'} role="status" title={preview.applied ? t('migration.applied') : t('migration.previewTitle')}>
              <List size="sm">
                <List.Item>{t('migration.total', { count: preview.counts.total, records: preview.counts.records })}</List.Item>
                <List.Item>{t('migration.valueChanged', { count: preview.counts.riskvardeChanged })}</List.Item>
                <List.Item>{t('migration.ikpChanged', { count: preview.counts.ikpChanged })}</List.Item>
                <List.Item>
                  {t('migration.mapping', {
                    s: preview.mapping.sannolikhet.map((v, i) => `${i + 1}→${v}`).join(', '),
                    k: preview.mapping.konsekvens.map((v, i) => `${i + 1}→${v}`).join(', '),
                  })}
                </List.Item>
              </List>
            </Alert>
            {preview.items.length > 0 && (
              <TableScroll minWidth={700}>
                <Table className="risk-table" striped aria-label={t('migration.itemsLabel')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('migration.kindCol')}</Table.Th>
                      <Table.Th>{t('migration.titleCol')}</Table.Th>
                      <Table.Th className="num">{t('migration.before')}</Table.Th>
                      <Table.Th className="num">{t('migration.after')}</Table.Th>
                      <Table.Th>{t('migration.ikp')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.items.slice(0, 200).map((it) => (
                      <Table.Tr key={`${it.kind}:${it.id}`}>
                        <Table.Td>{t(`migration.kind.${it.kind}`)}</Table.Td>
                        <Table.Td>
                          {it.title}
                          {it.year ? ` (${it.year})` : ''}
                        </Table.Td>
                        <Table.Td className="num">
                          {it.before.sannolikhet}×{it.before.konsekvens} = {it.before.riskvarde}
                        </Table.Td>
                        <Table.Td className="num">
                          {it.after.sannolikhet}×{it.after.konsekvens} = {it.after.riskvarde}
                          {it.riskvardeChanged && (
                            <Badge ml={4} color="orange.9" variant="outline" tt="none">
                              {t('migration.changed')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{it.ikpChanged ? t('migration.ikpNowChanged') : ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
            {!preview.applied && preview.counts.total > 0 && (
              <Group>
                <Button
                  color="orange.9"
                  loading={apply.busy}
                  onClick={() =>
                    void apply.run().then(async (r) => {
                      if (r) {
                        setPreview(r);
                        await qc.invalidateQueries({ queryKey: ['risks'] });
                      }
                    })
                  }
                >
                  {t('migration.apply', { count: preview.counts.total })}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </section>
  );
}
