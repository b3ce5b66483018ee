import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../format';
import { CLOCK_COLOR, liveState, useNow, useRemainingAfterBadge } from './badges';
import type { IncidentDetail } from './types';

/** Legal clocks (GDPR art. 33/34, NIS2 24 h / 72 h / one month): deadline in Stockholm time and time left. */
export function ClocksPanel({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation('incidents');
  const now = useNow(30_000);
  const remaining = useRemainingAfterBadge();
  const en = i18n.language.startsWith('en');
  return (
    <Section id="clocks-title" title={t('clocks.title')}>
      {incident.clocks.length === 0 ? (
        <Text size="sm">{t('clocks.none')}</Text>
      ) : (
        <Table.ScrollContainer
          minWidth={520}
          // Keyboard users can scroll the table on a narrow screen (axe scrollable-region-focusable: no links inside).
          scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': t('clocks.caption') } }}
        >
          <Table>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('clocks.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clocks.obligation')}</Table.Th>
                <Table.Th>{t('clocks.deadline')}</Table.Th>
                <Table.Th>{t('clocks.remaining')}</Table.Th>
                <Table.Th>{t('clocks.met')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incident.clocks.map((c) => {
                const state = liveState(c, now);
                return (
                  <Table.Tr key={c.key}>
                    <Table.Td>{en ? c.label_en : c.label_sv}</Table.Td>
                    <Table.Td className="nowrap">{formatDateTime(c.deadline)}</Table.Td>
                    <Table.Td>
                      <Badge color={CLOCK_COLOR[state]} variant="filled" tt="none">
                        {t(`clockState.${state}`)}
                      </Badge>
                      {state !== 'done' && (
                        <Text span size="sm" ml={6}>
                          {remaining(c.deadline, state, now)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className="nowrap">{c.metAt ? formatDateTime(c.metAt) : c.met ? t('clocks.metNoTime') : state === 'done' ? t('clocks.closed') : '–'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" mt="xs" c="dimmed">
        {t('clocks.tzNote')}
      </Text>
    </Section>
  );
}
