import { useEffect, useState, type FormEvent } from 'react';
import { Button, Card, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDate } from '../../format';
import { todayStockholm } from '../plans/shared';
import { CSL_IN_FORCE, ENTITY_TYPES, scopeQuery, type Nis2Scope } from './api';

/**
 * Whether the organisation is in scope of cybersäkerhetslagen, as which entity and in which sector, and when it registered
 * with the supervisory authority; editable with risk.manage.
 */
export function ScopeCard({ org }: { org: { slug: string; name: string } }) {
  const { t, i18n } = useTranslation('nis2');
  const { can } = useSession();
  const qc = useQueryClient();
  const scope = useQuery(scopeQuery(org.slug));
  const [f, setF] = useState({ inScope: false, entityType: '', sector: '', registeredOn: '', registrationReference: '' });
  const [saved, setSaved] = useState('');
  useEffect(() => {
    if (scope.data) {
      const d = scope.data;
      setF({ inScope: d.inScope, entityType: d.entityType ?? '', sector: d.sector, registeredOn: d.registeredOn ?? '', registrationReference: d.registrationReference });
    }
  }, [scope.data]);
  const { run, busy, error } = useSubmit(async () => {
    const next = await api.put<Nis2Scope>('/nis2/scope', {
      org: org.slug, version: scope.data!.version, inScope: f.inScope, entityType: f.entityType === '' ? null : f.entityType, sector: f.sector,
      registeredOn: f.registeredOn === '' ? null : f.registeredOn, registrationReference: f.registrationReference,
    });
    qc.setQueryData(['nis2', 'scope', org.slug], next);
    return next;
  });
  const fe = (k: string) => fieldError(error, k, i18n.language);
  const s = scope.data;
  const summary = !s ? '' : s.inScope
    ? t('scope.yes', { type: s.entityType ? t(`entity.${s.entityType}`) : '–', sector: s.sector || '–' })
    : t('scope.no');
  const registration = !s?.inScope ? '' : s.registeredOn
    ? t('scope.registered', { date: formatDate(s.registeredOn), reference: s.registrationReference ? ` (${s.registrationReference})` : '' })
    : todayStockholm() >= CSL_IN_FORCE ? t('scope.unregistered', { date: formatDate(CSL_IN_FORCE) }) : '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    if (await run()) setSaved(t('scope.saved'));
  }

  return (
    <Card withBorder component="section" aria-labelledby="nis2-scope">
      <Stack gap="xs">
        <Title order={2} size="h3" id="nis2-scope">{t('scope.title')}</Title>
        <Text>{summary}</Text>
        {registration && <Text>{registration}</Text>}
        {can('risk.manage') && s && (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <ProblemAlert error={error} fields={['inScope', 'entityType', 'sector', 'registeredOn', 'registrationReference']} onReload={() => void scope.refetch()} staleDetail />
              <Checkbox label={t('scope.inScope')} checked={f.inScope} onChange={(e) => { const v = e.currentTarget.checked; setF((x) => ({ ...x, inScope: v })); }} />
              <Group align="flex-start">
                <NativeSelect label={t('scope.entityType')} value={f.entityType} error={fe('entityType')} w={220}
                  onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, entityType: v })); }}
                  data={[{ value: '', label: t('scope.entityNone') }, ...ENTITY_TYPES.map((k) => ({ value: k, label: t(`entity.${k}`) }))]} />
                <TextInput label={t('scope.sector')} value={f.sector} error={fe('sector')} w={320} maxLength={200}
                  onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, sector: v })); }} />
              </Group>
              <Group align="flex-start">
                <TextInput label={t('scope.registeredOn')} description={t('scope.registeredHelp')} type="date" max={todayStockholm()} value={f.registeredOn}
                  error={fe('registeredOn')} w={320} onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, registeredOn: v })); }} />
                <TextInput label={t('scope.reference')} value={f.registrationReference} error={fe('registrationReference')} w={320} maxLength={200}
                  onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, registrationReference: v })); }} />
              </Group>
              <Group>
                <Button type="submit" variant="default" loading={busy}>{t('scope.save')}</Button>
                <Text size="sm" role="status" aria-live="polite">{saved}</Text>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
