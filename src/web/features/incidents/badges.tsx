import { useEffect, useState } from 'react';
import { Anchor, Badge } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import type { RegisterColumn } from '../../components/Register';
import type { Clock, IncidentListItem, IncidentSummary, Status } from './types';
import { STATUS_KEY } from './types';
import { COLORS, spanText } from './util';
import { liveState, shownState, type ClockShown } from './clock-view';

/** The current time, refreshed every `everyMs` (countdowns). */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const h = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(h);
  }, [everyMs]);
  return now;
}

const STATUS_COLOR: Record<Status, string> = {
  Rapporterad: COLORS.blue,
  'Under registrering': COLORS.violet,
  'Under utredning': COLORS.orange,
  'Under åtgärd': COLORS.orange,
  Klar: COLORS.green,
  Förfallen: COLORS.red,
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('incidents');
  return (
    <Badge color={STATUS_COLOR[status] ?? COLORS.gray} variant="filled" tt="none">
      {t(`status.${STATUS_KEY[status]}`, { defaultValue: status })}
    </Badge>
  );
}

export const CLOCK_COLOR: Record<ClockShown, string> = {
  ok: COLORS.blue,
  due_soon: COLORS.orange,
  critical: COLORS.red,
  overdue: COLORS.red,
  done: COLORS.green,
  unmet: COLORS.orange,
  target_passed: COLORS.orange,
  // Met, but after the deadline (or art. 34's internal target): never the green of a duty met in time.
  done_late: COLORS.orange,
  done_after_target: COLORS.orange,
};

export { liveState, shownState } from './clock-view';

/**
 * The words of a countdown: "2 d 5 h kvar" or "försenad 3 h", never colour alone; an internal target passed (art. 34,
 * shownState target_passed) "internt mål passerat för 3 h sedan", never "försenad".
 */
export function useRemainingText() {
  const { t } = useTranslation('incidents');
  return (deadline: string, state: ClockShown, now: Date) => {
    if (state === 'done' || state === 'unmet' || state === 'done_late' || state === 'done_after_target') return t('clock.done');
    const ms = new Date(deadline).getTime() - now.getTime();
    if (ms >= 0) return t('clock.left', { span: spanText(ms) });
    return t(state === 'target_passed' ? 'clock.targetPassedBy' : 'clock.overdueBy', { span: spanText(ms) });
  };
}

/**
 * The words after a state badge ("Försenad", "Mindre än 6 h" …): "med 3 h" when overdue ("för 3 h sedan" after
 * "Internt mål passerat"), so the badge's word is not repeated; otherwise the same as useRemainingText.
 */
export function useRemainingAfterBadge() {
  const { t } = useTranslation('incidents');
  const remaining = useRemainingText();
  return (deadline: string, state: ClockShown, now: Date) => {
    const ms = new Date(deadline).getTime() - now.getTime();
    if (state === 'done' || state === 'unmet' || state === 'done_late' || state === 'done_after_target' || ms >= 0) return remaining(deadline, state, now);
    return t(state === 'target_passed' ? 'clock.targetPassedSpan' : 'clock.overdueSpan', { span: spanText(ms) });
  };
}

/** Countdown badge of one clock. */
export function ClockBadge({ clock, now, withLabel = false }: { clock: Clock; now: Date; withLabel?: boolean }) {
  const { t, i18n } = useTranslation('incidents');
  const remaining = useRemainingText();
  const state = shownState(clock, now);
  const label = i18n.language.startsWith('en') ? clock.label_en : clock.label_sv;
  return (
    <Badge
      color={CLOCK_COLOR[state]}
      variant="filled"
      tt="none"
      px={5}
      title={`${label}: ${t('clock.deadline')} ${formatDateTime(clock.deadline)}`}
    >
      {/* The clock's name on a line of its own when the cell is narrow ("CSIRT 24 h:"), not split within it. */}
      <span className="nowrap">{withLabel ? `${label}:` : t(`clockShort.${clock.key}`)}</span> {remaining(clock.deadline, state, now)}
    </Badge>
  );
}

/** The running clock nearest its deadline. */
export function nearest(clocks: Clock[]): Clock | null {
  const running = clocks.filter((c) => c.state !== 'done').sort((a, b) => new Date(a.deadline).getTime() - new Date(b.deadline).getTime());
  return running[0] ?? null;
}

/** The list's deadline cell: the nearest running clock, and an "overdue" flag. */
export function DeadlineCell({ incident, now }: { incident: Pick<IncidentSummary, 'clocks' | 'overdue'>; now: Date }) {
  const { t } = useTranslation('incidents');
  const c = nearest(incident.clocks);
  return (
    <span>
      {c ? <ClockBadge clock={c} now={now} /> : null}
      {incident.overdue && (!c || liveState(c, now) !== 'overdue') ? (
        <Badge color={COLORS.red} variant="filled" tt="none" ml={4}>
          {t('overdue')}
        </Badge>
      ) : null}
    </span>
  );
}

/** A list's incident number column: the number, linking to the incident (the list and Mina rapporter). */
export function numberColumn(header: string): RegisterColumn<IncidentListItem> {
  return {
    key: 'number',
    header,
    value: (r) => r.number,
    render: (r) => (
      <Anchor component={Link} to={`/incidenter/${r.id}`} className="nowrap" inherit>
        {r.number}
      </Anchor>
    ),
  };
}

/** A date and time that may break between the day and the time (two short lines in a narrow column), never inside either. */
export function DateTimeText({ value }: { value: string }) {
  const text = formatDateTime(value);
  const space = text.lastIndexOf(' ');
  if (space < 0) return <span className="nowrap">{text}</span>;
  return (
    <>
      <span className="nowrap">{text.slice(0, space)}</span> <span className="nowrap">{text.slice(space + 1)}</span>
    </>
  );
}

/** A list's Rapporterad column (the list and Mina rapporter). */
export function reportedAtColumn(header: string): RegisterColumn<IncidentListItem> {
  return { key: 'reportedAt', header, value: (r) => new Date(r.reportedAt), render: (r) => <DateTimeText value={r.reportedAt} /> };
}
