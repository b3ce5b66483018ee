import { useState, type FormEvent } from 'react';
import { Alert, Button, Divider, Group, NativeSelect, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { numberOrUndefined, putJson, thisYear, yearChoices } from '../plans/shared';
import { RESPONSE_STATUSES, RISK_LEVELS, type Recommendation, type ResponseStatus, type RiskLevel } from './types';

const FIELDS = ['reportYear', 'area', 'recommendation', 'riskLevel', 'response', 'responsible', 'status'];

/** Create a recommendation from the DSO's report, or edit it and the förvaltning's response and follow-up. */
export function RecommendationModal({ org, rec, onClose }: { org: { slug: string; name: string }; rec?: Recommendation; onClose: () => void }) {
  const { t, i18n } = useTranslation('dso');
  const qc = useQueryClient();
  const { can } = useSession();
  const refresh = () => qc.invalidateQueries({ queryKey: ['dso'] });
  const [reportYear, setReportYear] = useState(String(rec?.reportYear ?? thisYear() - 1));
  const [area, setArea] = useState(rec?.area ?? '');
  const [recommendation, setRecommendation] = useState(rec?.recommendation ?? '');
  const [riskLevel, setRiskLevel] = useState<RiskLevel>(rec?.riskLevel ?? 'medel');
  const [response, setResponse] = useState(rec?.response ?? '');
  const [responsible, setResponsible] = useState(rec?.responsible ?? '');
  const [status, setStatus] = useState<ResponseStatus>(rec?.status ?? 'öppen');
  const { run, busy, error } = useSubmit(async () => {
    const body = { area, recommendation, riskLevel, response, responsible, status };
    const saved = rec
      ? await api.patch<Recommendation>(`/dso/recommendations/${rec.id}`, { version: rec.version, ...body })
      : await api.post<Recommendation>('/dso/recommendations', { org: org.slug, reportYear: numberOrUndefined(reportYear), ...body });
    await refresh();
    return saved;
  });
  const fe = (f: string) => fieldError(error, f, i18n.language);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onClose();
  }
  return (
    <Dialog opened onClose={onClose} size="lg" title={rec ? t('form.editTitle') : t('form.createTitle', { org: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {rec?.approved && <Alert color="orange">{t('form.approvedNote')}</Alert>}
          <ProblemAlert error={error} fields={FIELDS} onReload={() => void refresh().then(onClose)} />
          <Group grow align="flex-start">
            {rec ? (
              <TextInput label={t('field.reportYear')} value={String(rec.reportYear)} readOnly />
            ) : (
              <TextInput label={t('field.reportYear')} required type="number" value={reportYear} onChange={(e) => setReportYear(e.currentTarget.value)} error={fe('reportYear')} data-autofocus />
            )}
            <TextInput label={t('field.area')} required value={area} onChange={(e) => setArea(e.currentTarget.value)} error={fe('area')} />
          </Group>
          <Textarea label={t('field.recommendation')} required autosize minRows={2} value={recommendation} onChange={(e) => setRecommendation(e.currentTarget.value)} error={fe('recommendation')} />
          <Group grow align="flex-start">
            <NativeSelect label={t('field.riskLevel')} value={riskLevel} onChange={(e) => setRiskLevel(e.currentTarget.value as RiskLevel)} data={RISK_LEVELS.map((r) => ({ value: r, label: t(`risk.${r}`) }))} error={fe('riskLevel')} />
            <NativeSelect label={t('field.status')} value={status} onChange={(e) => setStatus(e.currentTarget.value as ResponseStatus)} data={RESPONSE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} error={fe('status')} />
          </Group>
          <Textarea label={t('field.response')} autosize minRows={3} value={response} onChange={(e) => setResponse(e.currentTarget.value)} error={fe('response')} />
          <TextInput label={t('field.responsible')} value={responsible} onChange={(e) => setResponsible(e.currentTarget.value)} error={fe('responsible')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {rec ? t('common:save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      {rec && can('plan.manage') && (
        <>
          <Divider my="md" />
          <FollowUpForm rec={rec} onSaved={onClose} />
        </>
      )}
    </Dialog>
  );
}

/** The follow-up text of one year (one per year; editing an existing year's text sends its version). */
function FollowUpForm({ rec, onSaved }: { rec: Recommendation; onSaved: () => void }) {
  const { t, i18n } = useTranslation('dso');
  const qc = useQueryClient();
  const { me } = useSession();
  const [year, setYear] = useState(thisYear());
  const existing = rec.followUps.find((f) => f.year === year);
  const [text, setText] = useState(existing?.text ?? '');
  const { run, busy, error } = useSubmit(async () => {
    const saved = await putJson<Recommendation>(`/dso/recommendations/${rec.id}/follow-ups`, { year, text, ...(existing ? { version: existing.version } : {}) }, me.csrfToken);
    await qc.invalidateQueries({ queryKey: ['dso'] });
    return saved;
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onSaved();
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="dso-followup-title">
      <Stack>
        <Title order={2} size="h4" id="dso-followup-title">
          {t('followUp.title')}
        </Title>
        {rec.followUps.length > 0 && (
          <Stack gap={4}>
            {[...rec.followUps].sort((a, b) => a.year - b.year).map((f) => (
              <Text size="sm" key={f.id}>
                <strong>{f.year}:</strong> {f.text}
              </Text>
            ))}
          </Stack>
        )}
        <ProblemAlert error={error} fields={['year', 'text']} onReload={() => void qc.invalidateQueries({ queryKey: ['dso'] }).then(onSaved)} />
        <NativeSelect
          label={t('followUp.year')}
          value={String(year)}
          onChange={(e) => {
            const y = Number(e.currentTarget.value);
            setYear(y);
            setText(rec.followUps.find((f) => f.year === y)?.text ?? '');
          }}
          data={yearChoices(rec.followUps.map((f) => f.year)).map(String)}
          w={140}
        />
        <Textarea label={t('followUp.text')} required autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fieldError(error, 'text', i18n.language)} />
        <Group justify="flex-end">
          <Button type="submit" variant="outline" loading={busy}>
            {t('followUp.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The DSO approves or reopens the förvaltning's response, with an optional comment. */
export function DecideModal({ rec, action, onClose }: { rec: Recommendation; action: 'approve' | 'reopen'; onClose: () => void }) {
  const { t, i18n } = useTranslation('dso');
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const { run, busy, error } = useSubmit(async () => {
    const saved = await api.post<Recommendation>(`/dso/recommendations/${rec.id}/${action}`, { version: rec.version, ...(comment.trim() ? { comment } : {}) });
    await qc.invalidateQueries({ queryKey: ['dso'] });
    return saved;
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run()) onClose();
  }
  return (
    <Dialog opened onClose={onClose} title={t(`decide.${action}Title`)} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            <strong>{rec.area}:</strong> {rec.recommendation}
          </Text>
          <Text size="sm">
            <strong>{t('field.response')}:</strong> {rec.response || '–'}
          </Text>
          <ProblemAlert error={error} fields={['comment']} onReload={() => void qc.invalidateQueries({ queryKey: ['dso'] }).then(onClose)} />
          <Textarea label={t('decide.comment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={fieldError(error, 'comment', i18n.language)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy} color={action === 'approve' ? 'green' : undefined}>
              {t(`decide.${action}Submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
