import './review.css';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Button, Card, Group, Loader, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { errorMessage, fieldError, ProblemAlert } from '../../components/problem';
import { day } from '../plans/shared';
import { DecisionsSection } from './DecisionsSection';
import { InputsSection } from './InputsSection';
import { SignedBadge } from './ReviewsPage';
import { SignOff } from './SignOff';
import { CONCLUSION_KEYS, type Conclusion, type ConclusionKey, type Review } from './types';
import { useReviewPatch, useReviewQueries } from './useReview';

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** One management review (ISO 27001 9.3): meeting, inputs (a)–(g), decisions, ISMS changes, conclusion, sign-off. */
export default function ReviewPage() {
  const { t, i18n } = useTranslation('review');
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = useSession();
  const qc = useQueryClient();
  const { review, iso93 } = useReviewQueries(id);
  // Bumped after "reload" on a stale version: the forms start again from the fresh record.
  const [generation, setGeneration] = useState(0);
  const reload = () => void qc.invalidateQueries({ queryKey: ['reviews'] }).then(() => setGeneration((g) => g + 1));

  if (review.isPending) return <Loader aria-label={t('common:loading')} />;
  if (review.isError) {
    return (
      <>
        <Title order={1}>{t('title')}</Title>
        <Alert color="red" role="alert" mt="md">
          {errorMessage(review.error, i18n.language, t('missing'))}
        </Alert>
        <Anchor component={Link} to="/ledningens-genomgang" size="sm" mt="md" display="inline-block">
          {t('back')}
        </Anchor>
      </>
    );
  }
  const r = review.data;
  const editable = can('report.edit') && !r.signed;

  return (
    <Stack key={generation}>
      <Anchor component={Link} to="/ledningens-genomgang" size="sm">
        {t('back')}
      </Anchor>
      <Title order={1}>{t('reviewOf', { year: r.year, org: r.org.name })}</Title>
      <Group>
        <SignedBadge review={r} />
        <Text size="sm">{t('isoNote')}</Text>
      </Group>
      <Section id="rv-meeting" title={t('meeting.title')}>
        <MeetingForm review={r} editable={editable} onReload={reload} />
      </Section>
      <Section id="rv-inputs" title={t('inputs.title')}>
        <InputsSection review={r} status={iso93.data} loading={iso93.isPending} editable={editable} onReload={reload} />
      </Section>
      <Section id="rv-decisions" title={t('decisions.title')}>
        <DecisionsSection review={r} editable={editable} />
      </Section>
      <Section id="rv-isms" title={t('isms.title')}>
        <IsmsForm review={r} editable={editable} onReload={reload} />
      </Section>
      <Section id="rv-conclusion" title={t('conclusion.title')}>
        <ConclusionForm review={r} editable={editable} onReload={reload} />
      </Section>
      <Section id="rv-sign" title={t('sign.title')}>
        <SignOff review={r} status={iso93.data} onReload={reload} />
      </Section>
    </Stack>
  );
}

function SaveRow({ busy, saved }: { busy: boolean; saved: boolean }) {
  const { t } = useTranslation('review');
  return (
    <Group justify="flex-end">
      {saved && (
        <Text size="sm" role="status">
          {t('saved')}
        </Text>
      )}
      <Button type="submit" loading={busy}>
        {t('common:save')}
      </Button>
    </Group>
  );
}

function MeetingForm({ review, editable, onReload }: { review: Review; editable: boolean; onReload: () => void }) {
  const { t, i18n } = useTranslation('review');
  const [meetingDate, setMeetingDate] = useState(review.meetingDate ?? '');
  const [chair, setChair] = useState(review.chair);
  const [attendees, setAttendees] = useState(review.attendees.join('\n'));
  const [saved, setSaved] = useState(false);
  const { run, busy, error } = useReviewPatch(review);
  const fe = (f: string) => fieldError(error, f, i18n.language);
  if (!editable) {
    return (
      <dl className="review-dl">
        <dt>{t('field.meetingDate')}</dt>
        <dd>{day(review.meetingDate) || '–'}</dd>
        <dt>{t('field.chair')}</dt>
        <dd>{review.chair || '–'}</dd>
        <dt>{t('field.attendees')}</dt>
        <dd>{review.attendees.length ? review.attendees.join(', ') : '–'}</dd>
      </dl>
    );
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const list = attendees.split('\n').map((s) => s.trim()).filter(Boolean);
    if (await run({ meetingDate: meetingDate || null, chair, attendees: list })) setSaved(true);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="rv-meeting">
      <Stack>
        <ProblemAlert error={error} fields={['meetingDate', 'chair', 'attendees']} onReload={onReload} />
        <Group grow align="flex-start">
          <TextInput label={t('field.meetingDate')} type="date" value={meetingDate} onChange={(e) => setMeetingDate(e.currentTarget.value)} error={fe('meetingDate')} />
          <TextInput label={t('field.chair')} value={chair} onChange={(e) => setChair(e.currentTarget.value)} error={fe('chair')} />
        </Group>
        <Textarea label={t('field.attendees')} description={t('attendeesHelp')} autosize minRows={3} value={attendees} onChange={(e) => setAttendees(e.currentTarget.value)} error={fe('attendees')} />
        <SaveRow busy={busy} saved={saved} />
      </Stack>
    </form>
  );
}

function IsmsForm({ review, editable, onReload }: { review: Review; editable: boolean; onReload: () => void }) {
  const { t, i18n } = useTranslation('review');
  const [text, setText] = useState(review.ismsChanges);
  const [saved, setSaved] = useState(false);
  const { run, busy, error } = useReviewPatch(review);
  if (!editable) return <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{review.ismsChanges || '–'}</Text>;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (await run({ ismsChanges: text })) setSaved(true);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="rv-isms">
      <Stack>
        <ProblemAlert error={error} fields={['ismsChanges']} onReload={onReload} />
        <Textarea label={t('isms.label')} description={t('isms.help')} autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fieldError(error, 'ismsChanges', i18n.language)} />
        <SaveRow busy={busy} saved={saved} />
      </Stack>
    </form>
  );
}

const EMPTY_CONCLUSION: Conclusion = {
  lampligt: { value: null, comment: '' },
  tillrackligt: { value: null, comment: '' },
  verkningsfullt: { value: null, comment: '' },
};

function ConclusionForm({ review, editable, onReload }: { review: Review; editable: boolean; onReload: () => void }) {
  const { t, i18n } = useTranslation('review');
  const [c, setC] = useState<Conclusion>(review.conclusion ?? EMPTY_CONCLUSION);
  const [saved, setSaved] = useState(false);
  const { run, busy, error } = useReviewPatch(review);
  const yesNo = (v: boolean | null) => (v === null ? t('conclusion.unset') : v ? t('conclusion.yes') : t('conclusion.no'));
  if (!editable) {
    const cur = review.conclusion ?? EMPTY_CONCLUSION;
    return (
      <dl className="review-dl">
        {CONCLUSION_KEYS.map((k) => (
          <div key={k}>
            <dt>{t(`conclusion.${k}`)}</dt>
            <dd>
              {yesNo(cur[k].value)}
              {cur[k].comment && ` – ${cur[k].comment}`}
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  const set = (k: ConclusionKey, part: Partial<Conclusion[ConclusionKey]>) => setC((x) => ({ ...x, [k]: { ...x[k], ...part } }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (await run({ conclusion: c })) setSaved(true);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="rv-conclusion">
      <Stack>
        <Text size="sm">{t('conclusion.intro')}</Text>
        <ProblemAlert error={error} fields={CONCLUSION_KEYS.flatMap((k) => [`conclusion.${k}.value`, `conclusion.${k}.comment`])} onReload={onReload} />
        {CONCLUSION_KEYS.map((k) => (
          <Group key={k} align="flex-start" grow>
            <Radio.Group
              label={t(`conclusion.${k}Question`)}
              value={c[k].value === null ? '' : c[k].value ? 'yes' : 'no'}
              onChange={(v) => set(k, { value: v === 'yes' })}
              error={fieldError(error, `conclusion.${k}.value`, i18n.language) ?? fieldError(error, `conclusion.${k}`, i18n.language)}
              style={{ maxWidth: 260 }}
            >
              <Group mt={6}>
                <Radio value="yes" label={t('conclusion.yes')} />
                <Radio value="no" label={t('conclusion.no')} />
              </Group>
            </Radio.Group>
            <Textarea
              label={t('conclusion.comment', { what: t(`conclusion.${k}`) })}
              autosize
              minRows={2}
              value={c[k].comment}
              onChange={(e) => set(k, { comment: e.currentTarget.value })}
              error={fieldError(error, `conclusion.${k}.comment`, i18n.language)}
            />
          </Group>
        ))}
        <SaveRow busy={busy} saved={saved} />
      </Stack>
    </form>
  );
}
