import { Anchor, List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDate } from '../../format';
import type { ContinuityPlan } from '../risks/types';

/** Every active continuity plan the person may read (the risk work's register), to find those covering an object. */
const visiblePlansQuery = (enabled: boolean) => ({
  queryKey: ['risks', 'plans', 'visible'] as const,
  queryFn: () => api.get<ContinuityPlan[]>('/risks/continuity-plans'),
  enabled,
});

/**
 * The object's continuity plans from the register (Kontinuitet), beside the object's own "Kontinuitetsplan finns":
 * status and last exercised, with a link to the register. Shown to those who may read the risk work.
 */
export function ObjectContinuity({ objectId }: { objectId: string }) {
  const { t } = useTranslation('objects');
  const { t: tr } = useTranslation('risks');
  const { can } = useSession();
  const plans = useQuery(visiblePlansQuery(can('risk.read')));
  if (!can('risk.read') || !plans.data) return null;
  const mine = plans.data.filter((p) => p.objects.some((o) => o.id === objectId));
  return (
    <div>
      <Text size="sm" fw={500}>{t('form.continuityRegister')}</Text>
      {mine.length === 0 ? (
        <Text size="sm" c="dimmed">{t('form.continuityNone')}</Text>
      ) : (
        <List size="sm">
          {mine.map((p) => (
            <List.Item key={p.id}>
              {p.title}: {tr(`planStatus.${p.status}`)}, {p.lastExercised ? t('form.continuityExercised', { date: formatDate(p.lastExercised) }) : tr('plan.neverExercised').toLowerCase()}
              {p.reviewOverdue ? ` (${tr('plan.flag.reviewOverdue').toLowerCase()})` : ''}
            </List.Item>
          ))}
        </List>
      )}
      <Anchor component={Link} to="/risker/kontinuitet" size="sm">{t('form.continuityOpen')}</Anchor>
    </div>
  );
}
