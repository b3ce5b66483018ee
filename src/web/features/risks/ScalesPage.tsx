import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Loader, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage, fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { actorText, formatDateTime } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { scalesQuery, thresholdQuery } from './api';
import { Legend } from './HeatMap';
import { MigrationPanel } from './MigrationPanel';
import { NewScaleForm } from './NewScaleForm';
import { SubNav } from './SubNav';
import { bandFor, type Scale, type Threshold } from './types';

/** Skalor: the city's current scale (labels, colour bands), its versions, a new version, the IKP threshold, migration. */
export default function ScalesPage() {
  const { t, i18n } = useTranslation('risks');
  const { can } = useSession();
  const { selected, selectedSlug } = useSelectedOrg();
  const scales = useQuery(scalesQuery(selectedSlug));
  const manage = can('risk.manage');
  const cur = scales.data?.current;

  return (
    <Stack>
      <Title order={1}>{t('scales.title')}</Title>
      <SubNav />
      {!selected ? (
        <Alert color="orange">{t('needOrg')}</Alert>
      ) : (
        <>
          <Text>{t('scales.intro', { org: selected.name })}</Text>
          {scales.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
          {scales.isError && (
            <Alert color="red" role="alert">
              {errorMessage(scales.error, i18n.language)}
            </Alert>
          )}
          {cur && <ScaleView scale={cur} />}
          <ThresholdPanel org={selected} canEdit={manage} />
          {scales.data && scales.data.versions.length > 0 && (
            <section aria-labelledby="versions-title">
              <Title order={2} size="h3" id="versions-title" mb="xs">
                {t('scales.versions')}
              </Title>
              {/* On a phone a wide version (its creator's name) scrolls in its own area, not the page. */}
              <TableScroll minWidth={0} scrollAreaProps={{ type: 'auto' }}>
              <Table className="risk-table" aria-labelledby="versions-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('scales.version')}</Table.Th>
                    <Table.Th>{t('scales.name')}</Table.Th>
                    <Table.Th>{t('scales.size')}</Table.Th>
                    <Table.Th>{t('scales.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {scales.data.versions.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        {s.scaleVersion}
                        {s.current && (
                          <Badge ml={6} color="green.9" variant="filled" tt="none">
                            {t('scales.current')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>
                        {s.likelihood.length}×{s.consequence.length}
                      </Table.Td>
                      <Table.Td>
                        {formatDateTime(s.createdAt)} {actorText(s.createdBy, t)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              </TableScroll>
            </section>
          )}
          {scales.data?.canCreateVersion ? (
            <NewScaleForm org={selected.slug} />
          ) : (
            scales.data && (
              // Only risk management for the whole city adds a version: the form is not offered to others, who are told who can.
              <section aria-labelledby="new-scale-title">
                <Title order={2} size="h3" id="new-scale-title" mb="xs">
                  {t('scales.new')}
                </Title>
                <Text maw={760}>{t('scales.cityOnly')}</Text>
              </section>
            )
          )}
          {manage && scales.data && scales.data.versions.length > 1 && <MigrationPanel org={selected.slug} versions={scales.data.versions} />}
        </>
      )}
    </Stack>
  );
}

function ScaleView({ scale }: { scale: Scale }) {
  const { t } = useTranslation('risks');
  const rows = Array.from({ length: scale.likelihood.length }, (_, i) => scale.likelihood.length - i);
  const cols = Array.from({ length: scale.consequence.length }, (_, i) => i + 1);
  return (
    <section aria-labelledby="scale-current-title">
      <Title order={2} size="h3" id="scale-current-title" mb="xs">
        {t('scales.currentTitle', { name: scale.name, version: scale.scaleVersion })}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <Text fw={700}>{t('event.field.sannolikhet')}</Text>
          <ol style={{ margin: 0 }}>
            {scale.likelihood.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ol>
          <Text fw={700}>{t('event.field.konsekvens')}</Text>
          <ol style={{ margin: 0 }}>
            {scale.consequence.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ol>
          <Legend bands={scale.bands} />
        </Stack>
        {/* On a phone the matrix scrolls sideways in its own area, not the page. */}
        <TableScroll minWidth={0} scrollAreaProps={{ type: 'auto' }}>
          <Table className="risk-table" withTableBorder aria-label={t('scales.matrixLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('matrix.axes')}</Table.Th>
                {cols.map((k) => (
                  <Table.Th scope="col" key={k}>
                    {scale.consequence[k - 1]}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <Table.Tr key={s}>
                  <Table.Th scope="row">{scale.likelihood[s - 1]}</Table.Th>
                  {cols.map((k) => {
                    const b = bandFor(scale.bands, s * k);
                    return (
                      <Table.Td key={k} style={b ? { background: b.color, color: b.textColor, textAlign: 'center', fontWeight: 700 } : undefined}>
                        {s * k}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </SimpleGrid>
    </section>
  );
}

function ThresholdPanel({ org, canEdit }: { org: { slug: string; name: string }; canEdit: boolean }) {
  const { t, i18n } = useTranslation('risks');
  const qc = useQueryClient();
  const th = useQuery(thresholdQuery(org.slug));
  const [value, setValue] = useState('');
  const submit = useSubmit((v: number | null) => api.put<Threshold>(`/risks/thresholds/${encodeURIComponent(org.slug)}`, { threshold: v, version: th.data?.own?.version }));
  const reload = () => void qc.invalidateQueries({ queryKey: ['risks'] });
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await submit.run(Number(value))) {
      setValue('');
      reload();
    }
  }
  return (
    <section aria-labelledby="threshold-title">
      <Title order={2} size="h3" id="threshold-title" mb="xs">
        {t('threshold.title')}
      </Title>
      {th.data && (
        <Text mb="xs">
          {t(th.data.own ? 'threshold.own' : th.data.inherited && th.data.sourceOrgId ? 'threshold.inherited' : 'threshold.default', { org: org.name, threshold: th.data.threshold })}
        </Text>
      )}
      {canEdit && th.data && (
        <form onSubmit={save} noValidate aria-label={t('threshold.title')}>
          <Stack gap="xs">
            <ProblemAlert error={submit.error} fields={['threshold']} onReload={reload} />
            <Group align="flex-end">
              <TextInput label={t('threshold.label', { org: org.name })} type="number" min={1} max={100} value={value} onChange={(e) => setValue(e.currentTarget.value)} error={fieldError(submit.error, 'threshold', i18n.language)} w={260} />
              <Button type="submit" loading={submit.busy} disabled={!value}>
                {t('threshold.save')}
              </Button>
              {th.data.own && (
                <Button variant="default" onClick={() => void submit.run(null).then((r) => r && reload())}>
                  {t('threshold.remove')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      )}
    </section>
  );
}
