import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, NativeSelect, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import type { BulkUpdate, CategoryTemplate } from './types';
import { KIND_KEY, KINDS, STATUS_KEY, STATUSES } from './types';

interface Refused {
  id: string;
  number: string;
  from: string;
  code: string;
  reason_sv: string;
  reason_en: string;
}

const KEEP = '__keep';
const NONE = '__none';

/** Triage: set status / handler / kind / category on every selected incident in one step (all or nothing). */
export function Triage({
  ids,
  handlers,
  categories,
  onDone,
  onClear,
}: {
  ids: string[];
  handlers: { value: string; label: string }[];
  categories: CategoryTemplate[];
  onDone: (updated: number) => void;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation('incidents');
  const en = i18n.language.startsWith('en');
  const [status, setStatus] = useState(KEEP);
  const [handler, setHandler] = useState(KEEP);
  const [kind, setKind] = useState(KEEP);
  const [category, setCategory] = useState(KEEP);
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit((body: BulkUpdate) => api.post<{ updated: number }>('/incidents/bulk', body));
  const refused = submit.error instanceof ApiError ? ((submit.error.problem.refused as Refused[] | undefined) ?? []) : [];
  const keep = { value: KEEP, label: t('triage.keep') };
  const none = { value: NONE, label: t('triage.none') };

  async function apply(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const set: BulkUpdate['set'] = {};
    if (status !== KEEP) set.status = status as BulkUpdate['set']['status'];
    if (handler !== KEEP) set.handlerId = handler === NONE ? null : handler;
    if (kind !== KEEP) set.kind = kind === NONE ? null : (kind as (typeof KINDS)[number]);
    if (category !== KEEP) set.category = category === NONE ? null : category;
    if (Object.keys(set).length === 0) {
      submit.setError(null);
      setDone(t('triage.nothing'));
      return;
    }
    const r = await submit.run({ ids, set });
    if (r) {
      setDone(t('triage.done', { count: r.updated }));
      setStatus(KEEP);
      setHandler(KEEP);
      setKind(KEEP);
      setCategory(KEEP);
      onDone(r.updated);
    }
  }

  const status_ = done && (
    <Text role="status" mt="xs" c="green.9">
      {done}
    </Text>
  );
  // Nothing selected: a line saying how, not a form of four lists that can do nothing (it pushed the list down).
  if (ids.length === 0) {
    return (
      <Paper withBorder p="sm" component="section" aria-labelledby="triage-title">
        <Title order={2} size="h4" id="triage-title">
          {t('triage.title', { count: 0 })}
        </Title>
        <Text size="sm" mt={4}>
          {t('triage.hint')}
        </Text>
        {status_}
      </Paper>
    );
  }

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="triage-title">
      <form onSubmit={apply}>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="triage-title">
            {t('triage.title', { count: ids.length })}
          </Title>
          <Button variant="subtle" size="compact-sm" onClick={onClear}>
            {t('triage.clearSelection')}
          </Button>
        </Group>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <NativeSelect
            label={t('triage.setStatus')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            data={[keep, ...STATUSES.map((s) => ({ value: s, label: t(`status.${STATUS_KEY[s]}`) }))]}
            w={190}
          />
          <NativeSelect
            label={t('triage.setHandler')}
            value={handler}
            onChange={(e) => setHandler(e.currentTarget.value)}
            data={[keep, none, ...handlers]}
            w={190}
          />
          <NativeSelect
            label={t('triage.setKind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={[keep, none, ...KINDS.map((k) => ({ value: k, label: t(`kind.${KIND_KEY[k]}`) }))]}
            w={190}
          />
          <NativeSelect
            label={t('triage.setCategory')}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            data={[keep, none, ...categories.map((c) => ({ value: c.name, label: c.name }))]}
            w={190}
          />
          <Button type="submit" loading={submit.busy}>
            {t('triage.apply')}
          </Button>
        </Group>
      </form>
      {status_}
      {refused.length > 0 ? (
        <Alert color="red" title={t('triage.refusedTitle', { count: refused.length })} role="alert" mt="sm">
          <Text size="sm">{t('triage.refusedText')}</Text>
          <List size="sm" mt="xs">
            {refused.map((r) => (
              <List.Item key={r.id}>
                <strong>{r.number}</strong>: {en ? r.reason_en : r.reason_sv}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <ProblemAlert error={submit.error} />
      )}
    </Paper>
  );
}
