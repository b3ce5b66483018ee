import { useState } from 'react';
import { Alert, Button, Group, List, NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { activitiesQuery, UNFINISHED, type PlanActivity } from './api';
import { yearChoices } from './shared';

/**
 * "Flytta ofärdiga till nästa år": shows how many of the organisation's own unfinished activities (planerad,
 * pågår) of the chosen year are not yet carried, asks for confirmation and carries them into the next year.
 */
export function CarryModal({ org, initialYear, onClose }: { org: { slug: string; name: string }; initialYear: number; onClose: () => void }) {
  const { t } = useTranslation('plans');
  const qc = useQueryClient();
  const [fromYear, setFromYear] = useState(initialYear);
  const toYear = fromYear + 1;
  const from = useQuery(activitiesQuery(org.slug, { year: String(fromYear) }, false));
  const to = useQuery(activitiesQuery(org.slug, { year: String(toYear) }, false));
  const already = new Set((to.data ?? []).map((a) => a.carriedFromId).filter(Boolean));
  const pending = (from.data ?? []).filter((a) => UNFINISHED.includes(a.status) && !already.has(a.id));
  const [result, setResult] = useState<{ carried: PlanActivity[]; skipped: number } | null>(null);
  const { run, busy, error } = useSubmit(async () => {
    const r = await api.post<{ carried: PlanActivity[]; skipped: number }>('/plan/carry-forward', { org: org.slug, fromYear, toYear });
    await qc.invalidateQueries({ queryKey: ['plan'] });
    return r;
  });

  return (
    <Dialog opened onClose={onClose} title={t('carry.title')} size="lg">
      <Stack>
        {result ? (
          <>
            <Alert color="green" role="status" title={t('carry.doneTitle')}>
              {t('carry.done', { count: result.carried.length, toYear })}
              {result.skipped > 0 && ` ${t('carry.skipped', { count: result.skipped })}`}
            </Alert>
            <Group justify="flex-end">
              <Button onClick={onClose} data-autofocus>
                {t('common:close')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text>{t('carry.intro', { org: org.name })}</Text>
            <NativeSelect
              label={t('carry.fromYear')}
              value={String(fromYear)}
              onChange={(e) => setFromYear(Number(e.currentTarget.value))}
              data={yearChoices([initialYear]).map((y) => ({ value: String(y), label: String(y) }))}
              data-autofocus
            />
            <ProblemAlert error={error} />
            {from.isPending ? (
              <Text size="sm">{t('common:loading')}</Text>
            ) : pending.length === 0 ? (
              <Alert color="gray">{t('carry.nothing', { fromYear, toYear })}</Alert>
            ) : (
              <>
                <Text fw={600}>{t('carry.confirm', { count: pending.length, fromYear, toYear })}</Text>
                <List size="sm" spacing={2}>
                  {pending.map((a) => (
                    <List.Item key={a.id}>
                      {a.area}: {a.description} ({t(`status.${a.status}`)})
                    </List.Item>
                  ))}
                </List>
              </>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common:cancel')}
              </Button>
              <Button
                disabled={pending.length === 0}
                loading={busy}
                onClick={() =>
                  void run().then((r) => {
                    if (r) setResult(r);
                  })
                }
              >
                {t('carry.submit', { toYear })}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Dialog>
  );
}
