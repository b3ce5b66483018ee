import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../components/problem';
import { formatDateTime, formatNumber } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { ScopeSwitch, useOrgScope } from '../../components/ScopeSwitch';
import { CLOCK_COLOR, shownState, useNow, useRemainingAfterBadge } from './badges';
import { SubNav } from './SubNav';
import type { DeadlineItem } from './types';

const PAGE = 100;

/** Tidsfrister: every running legal clock in the selected organisation's subtree, nearest deadline first. */
export default function DeadlinesPage() {
  const { t, i18n } = useTranslation('incidents');
  const { selected, selectedSlug: chosen } = useSelectedOrg();
  // From the start page's warnings (?alla=1): every organisation the person may read, as the warnings count them.
  const scope = useOrgScope();
  const all = scope.all;
  const selectedSlug = all ? null : chosen;
  const now = useNow(30_000);
  const remaining = useRemainingAfterBadge();
  const en = i18n.language.startsWith('en');
  const q = useQuery({
    queryKey: ['incidents', 'deadlines', selectedSlug],
    queryFn: () => api.get<{ items: DeadlineItem[] }>('/incidents/deadlines', { org: selectedSlug ?? undefined }),
    refetchInterval: 60_000,
  });
  const items = q.data?.items ?? [];
  // Nearest first, so the first page is what matters; the rest on request (a large import can leave thousands).
  const [shown, setShown] = useState(PAGE);
  return (
    <Stack>
      <Title order={1}>{t('deadlines.title')}</Title>
      <SubNav />
      <ScopeSwitch {...scope} />
      <Text size="sm">{all ? t('deadlines.introAll') : t('deadlines.intro', { org: selected?.name ?? '' })}</Text>
      {q.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
      {q.isError && (
        <Alert color="red" role="alert">
          {errorMessage(q.error, i18n.language)}
        </Alert>
      )}
      {q.isSuccess && items.length === 0 && <Text>{t('deadlines.none')}</Text>}
      {items.length > 0 && (
        <TableScroll minWidth={640}>
          <Table striped>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('deadlines.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {/* The number (the link to the incident) first: on a phone it shows beside the deadline without scrolling sideways. */}
                <Table.Th>{t('field.number')}</Table.Th>
                <Table.Th>{t('clocks.deadline')}</Table.Th>
                <Table.Th>{t('clocks.remaining')}</Table.Th>
                <Table.Th>{t('clocks.obligation')}</Table.Th>
                <Table.Th>{t('field.title')}</Table.Th>
                <Table.Th>{t('field.org')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.slice(0, shown).map((d) => {
                // Art. 34's internal target passed is not a legal deadline passed (shownState target_passed).
                const state = shownState({ ...d, met: false }, now);
                return (
                  <Table.Tr key={`${d.incidentId}-${d.clock}`}>
                    <Table.Td className="nowrap">
                      <Anchor component={Link} to={`/incidenter/${d.incidentId}`}>
                        {d.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td className="nowrap">{formatDateTime(d.deadline)}</Table.Td>
                    <Table.Td>
                      <Badge color={CLOCK_COLOR[state]} variant="filled" tt="none">
                        {t(`clockState.${state}`)}
                      </Badge>{' '}
                      <span className="nowrap">{remaining(d.deadline, state, now)}</span>
                    </Table.Td>
                    <Table.Td>{en ? d.label_en : d.label_sv}</Table.Td>
                    <Table.Td>
                      <div className="wrap-anywhere">{d.title}</div>
                    </Table.Td>
                    <Table.Td>{d.org.name}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {items.length > shown && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('deadlines.shown', { shown: formatNumber(shown), total: formatNumber(items.length) })}
          </Text>
          <Button variant="default" onClick={() => setShown((n) => n + PAGE)}>
            {t('register:loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
