import { Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { formatDate, formatNumber } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { overviewQuery, type Nis2OverviewRow } from './api';

/**
 * For a city or a förvaltning with units of its own: the organisations under it, each with its scope under
 * cybersäkerhetslagen, its anmälan and the year's assessment in brief. A name opens that organisation here.
 * Shown only when there are such organisations.
 */
export function OverviewCard({ org, year }: { org: { slug: string; name: string }; year: number }) {
  const { t } = useTranslation('nis2');
  const { select } = useSelectedOrg();
  const q = useQuery(overviewQuery(org.slug, year));
  if (q.error) return <ProblemAlert error={q.error} />;
  const rows = q.data ?? [];
  if (rows.length === 0) return null;
  const state = (r: Nis2OverviewRow) => {
    if (!r.inScope) return '';
    if (!r.assessment) return t('overview.notStarted');
    if (r.assessment.approvedOn) return t('overview.approved', { date: formatDate(r.assessment.approvedOn) });
    return r.assessment.blocking ? t('overview.blocking', { count: r.assessment.blocking }) : t('overview.ready');
  };
  const count = (r: Nis2OverviewRow, k: 'genomford' | 'delvis' | 'ej_paborjad') => (r.assessment ? formatNumber(r.assessment.counts[k]) : '');
  return (
    <Card withBorder component="section" aria-labelledby="nis2-overview">
      <Stack gap="xs">
        <Title order={2} size="h3" id="nis2-overview">{t('overview.title', { org: org.name, year })}</Title>
        <Text size="sm">{t('overview.intro', { year })}</Text>
        <TableScroll minWidth={720}>
          <Table striped>
            <Table.Caption>{t('overview.caption', { org: org.name, year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('overview.org')}</Table.Th>
                <Table.Th scope="col">{t('overview.inScope')}</Table.Th>
                <Table.Th scope="col">{t('overview.registered')}</Table.Th>
                <Table.Th scope="col">{t('overview.assessment', { year })}</Table.Th>
                <Table.Th scope="col">{t('overview.done')}</Table.Th>
                <Table.Th scope="col">{t('overview.partly')}</Table.Th>
                <Table.Th scope="col">{t('overview.notStartedAreas')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.org.id}>
                  <Table.Th scope="row">
                    <Button variant="subtle" size="compact-sm" px={0} onClick={() => select(r.org.slug)} aria-label={t('overview.open', { org: r.org.name })}>
                      {r.org.name}
                    </Button>
                  </Table.Th>
                  <Table.Td>{r.inScope ? (r.entityType ? t(`entity.${r.entityType}`) : t('overview.yes')) : t('overview.no')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.inScope ? (r.registeredOn ? formatDate(r.registeredOn) : t('overview.notRegistered')) : ''}</Table.Td>
                  <Table.Td>{state(r)}</Table.Td>
                  <Table.Td>{count(r, 'genomford')}</Table.Td>
                  <Table.Td>{count(r, 'delvis')}</Table.Td>
                  <Table.Td>{count(r, 'ej_paborjad')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Stack>
    </Card>
  );
}
