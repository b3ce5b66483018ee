import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import type { RegisterColumn } from '../../components/Register';
import { RegisterPage } from '../../components/RegisterPage';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { day, NeedOrg, numberOrUndefined, thisYear } from '../plans/shared';
import { useReportYears } from '../reports/api';
import type { Review } from './types';

export function SignedBadge({ review }: { review: Review }) {
  const { t } = useTranslation('review');
  return review.signed ? (
    <Badge color="green" variant="filled" tt="none">
      {t('signedAt', { at: formatDateTime(review.signedAt) })}
    </Badge>
  ) : (
    <Badge color="gray" variant="light" tt="none">
      {t('draft')}
    </Badge>
  );
}

/** Ledningens genomgång: the selected organisation's reviews, newest year first; start this year's. */
export default function ReviewsPage() {
  const { t, i18n } = useTranslation('review');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['reviews', 'list', selected?.slug],
    queryFn: () => api.get<Review[]>('/reviews', { org: selected!.slug }),
    enabled: !!selected,
  });
  // No meeting for the year yet: say whether the year's report exists and link to it (when there is none, and no
  // meeting for last year either, last year's). The years with a report and their status are one request.
  const year = thisYear();
  const met = new Set((list.data ?? []).map((r) => r.year));
  const slug = list.data && selected ? selected.slug : null;
  const years = useReportYears(slug).data ?? [];
  const current = years.find((r) => r.year === year);
  const report = (!met.has(year) ? current : undefined) ?? (!current && !met.has(year - 1) ? years.find((r) => r.year === year - 1) : undefined) ?? null;
  if (!selected) return <NeedOrg title={t('title')} />;
  const columns: RegisterColumn<Review>[] = [
    {
      key: 'year', header: t('field.year'), value: (r) => r.year,
      render: (r) => (
        <Anchor component={Link} to={`/ledningens-genomgang/${r.id}`}>
          {t('reviewOf', { year: r.year, org: r.org.name })}
        </Anchor>
      ),
    },
    { key: 'meetingDate', header: t('field.meetingDate'), value: (r) => day(r.meetingDate) },
    { key: 'chair', header: t('field.chair'), value: (r) => r.chair },
    { key: 'decisions', header: t('decisions.title'), value: (r) => r.decisions.length },
    { key: 'signed', header: t('field.state'), value: (r) => (r.signed ? t('signedAt', { at: formatDateTime(r.signedAt) }) : t('draft')), render: (r) => <SignedBadge review={r} /> },
  ];
  return (
    <RegisterPage<Review>
      ns="review" org={selected} exportPrefix="ledningens-genomgang"
      emptyKey={can('report.edit') ? 'empty' : 'emptyReadOnly'}
      columns={columns}
      rowKey={(r) => r.id}
      data={list.data}
      loading={list.isPending}
      error={list.error}
      toolbar={can('report.edit') ? <Button onClick={() => setCreating(true)}>{t('new')}</Button> : undefined}
      filters={
        report ? (
          <Alert color="blue" title={t('reportExists.title', { year: report.year })}>
            <Text size="sm">
              {t('reportExists.text', { year: report.year, status: t(`reports:status.${report.status}`).toLocaleLowerCase(i18n.language) })}
            </Text>
            <Anchor component={Link} to="/rapport" search={{ ar: report.year } as never} size="sm" c="inherit" underline="always" fw={600}>
              {t('reportExists.link', { year: report.year })}
            </Anchor>
          </Alert>
        ) : undefined
      }
    >
      {creating && <CreateReviewModal org={selected} onClose={() => setCreating(false)} />}
    </RegisterPage>
  );
}

function CreateReviewModal({ org, onClose }: { org: { slug: string; name: string }; onClose: () => void }) {
  const { t, i18n } = useTranslation('review');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [year, setYear] = useState(String(thisYear()));
  const [meetingDate, setMeetingDate] = useState('');
  const [chair, setChair] = useState('');
  const [attendees, setAttendees] = useState('');
  const { run, busy, error } = useSubmit(async () => {
    const r = await api.post<Review>('/reviews', {
      org: org.slug,
      year: numberOrUndefined(year),
      meetingDate: meetingDate || null,
      chair,
      attendees: attendees.split('\n').map((s) => s.trim()).filter(Boolean),
    });
    await qc.invalidateQueries({ queryKey: ['reviews'] });
    return r;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await run();
    if (r) void navigate({ to: `/ledningens-genomgang/${r.id}` });
  }
  return (
    <Dialog opened onClose={onClose} title={t('createTitle', { org: org.name })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={['year', 'meetingDate', 'chair', 'attendees']} />
          <Group grow align="flex-start">
            <TextInput label={t('field.year')} required type="number" value={year} onChange={(e) => setYear(e.currentTarget.value)} error={fe('year')} data-autofocus />
            <TextInput label={t('field.meetingDate')} type="date" value={meetingDate} onChange={(e) => setMeetingDate(e.currentTarget.value)} error={fe('meetingDate')} />
          </Group>
          <TextInput label={t('field.chair')} value={chair} onChange={(e) => setChair(e.currentTarget.value)} error={fe('chair')} />
          <Textarea label={t('field.attendees')} description={t('attendeesHelp')} autosize minRows={3} value={attendees} onChange={(e) => setAttendees(e.currentTarget.value)} error={fe('attendees')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
