import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section';
import { useNarrow } from '../../shell/narrow';
import { formatDateTime } from '../../format';
import { CLOCK_COLOR, liveState, shownState, useNow, useRemainingAfterBadge } from './badges';
import { metLateByMs, nis2Applies } from '../../../domains/incidents/clocks';
import { spanText } from './util';
import type { IncidentDetail } from './types';

/** Legal clocks (GDPR art. 33/34, NIS2 24 h / 72 h / one month): deadline in Stockholm time and time left. */
export function ClocksPanel({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation('incidents');
  const now = useNow(30_000);
  const remaining = useRemainingAfterBadge();
  const en = i18n.language.startsWith('en');
  const narrow = useNarrow();
  const rows = incident.clocks.map((c) => {
    const state = liveState(c, now);
    // A clock stopped by closing the case with its duty not done is "Ej uppfylld", never "Uppfylld".
    const shown = shownState(c, now);
    // Met after the deadline: "Uppfylld för sent", with by how much ("2 d 23 h efter tidsfristen").
    const lateMs = metLateByMs(c);
    return {
      key: c.key,
      label: en ? c.label_en : c.label_sv,
      // The discovery time is missing: the deadline was counted from the report, which may be later than the law's.
      note: c.fromReport ? t('clocks.fromReport') : null,
      deadline: formatDateTime(c.deadline),
      badge: (
        <Badge color={CLOCK_COLOR[shown]} variant="filled" tt="none">
          {t(`clockState.${shown}`)}
        </Badge>
      ),
      left: state !== 'done' ? remaining(c.deadline, shown, now) : lateMs !== null ? t(c.legal ? 'clock.lateBy' : 'clock.afterTargetBy', { span: spanText(lateMs) }) : null,
      // Art. 34 met by an exemption (art. 34.3, the breach record's reason) has no time: the reason is shown.
      met: c.exemption ? t('clocks.exempt', { reason: t(`breach.reason.${c.exemption}`) })
        : c.metAt ? formatDateTime(c.metAt) : c.met ? t('clocks.metNoTime') : state === 'done' ? t('clocks.closed') : '–',
      long: !!c.exemption,
    };
  });
  return (
    <Section id="clocks-title" title={t('clocks.title')}>
      {incident.clocks.length === 0 ? (
        <Text size="sm">{t('clocks.none')}</Text>
      ) : narrow ? (
        // A phone: one block per duty, time left first, instead of a table whose columns run off the screen.
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('clocks.caption')}>
          {rows.map((r) => (
            <li key={r.key}>
              <Text size="sm" fw={600}>{r.label}</Text>
              {r.note && <Text size="xs">{r.note}</Text>}
              <Group gap={6} wrap="wrap">
                {r.badge}
                {r.left && <Text span size="sm">{r.left}</Text>}
              </Group>
              <Text size="sm">
                {t('clocks.deadline')}: <span className="nowrap">{r.deadline}</span> · {t('clocks.met')}: {r.met}
              </Text>
            </li>
          ))}
        </Stack>
      ) : (
        <TableScroll minWidth={520}>
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
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>
                    {r.label}
                    {r.note && <Text size="xs">{r.note}</Text>}
                  </Table.Td>
                  <Table.Td className="nowrap">{r.deadline}</Table.Td>
                  <Table.Td>
                    {r.badge}
                    {r.left && (
                      <Text span size="sm" ml={6}>
                        {r.left}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className={r.long ? undefined : 'nowrap'}>{r.met}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {incident.nis2Significant && !nis2Applies(incident) && (
        <Text size="sm" mt="xs">
          {t('clocks.nis2BeforeLaw')}
        </Text>
      )}
      {incident.clocks.some((c) => !c.legal) && (
        <Text size="xs" mt="xs">
          {t('clocks.art34Note')}
        </Text>
      )}
      <Text size="xs" mt="xs" c="dimmed">
        {t('clocks.tzNote')}
      </Text>
    </Section>
  );
}
