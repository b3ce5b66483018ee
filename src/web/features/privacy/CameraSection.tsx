import { Badge, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Register, type RegisterColumn } from '../../components/Register';
import { statusBadge } from '../../components/statusBadge';
import { useRegisterEditing } from '../../components/useRegisterEditing';
import { cameraSitesQuery, type CameraFilter, type CameraSite, type CameraState } from './api';
import { CameraDialog } from './CameraDialog';
import { useFields } from '../../components/useFields';
import { ArchivedBadge } from '../../components/ArchivedBadge';

// statusBadge reads `status.<value>` of its namespace: the states' words are privacy's status.camera_*.
type StateKey = `camera_${CameraState}`;
const StateBadge = statusBadge<StateKey>('privacy', { camera_planerad: 'gray', camera_pagar: 'blue', camera_avslutad: 'dark' });

/**
 * Kamerabevakning, the second register of the Registerförteckning page: the organisation's surveilled sites, running or
 * ended in the last five years (older ones on request), with the intresseavvägning and signs, and a dialog per site.
 */
export function CameraSection({ org, manage }: { org: { slug: string; name: string }; manage: boolean }) {
  const { t } = useTranslation('privacy');
  const { d: filter, set } = useFields<CameraFilter>({ period: '', archived: '' });
  const edit = useRegisterEditing<CameraSite>('privacy');
  const list = useQuery(cameraSitesQuery(org.slug, filter));
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));

  const columns: RegisterColumn<CameraSite>[] = [
    {
      key: 'name', header: t('camera.column.name'), value: (r) => r.name,
      render: (r) => (
        <span>
          {r.name} <ArchivedBadge show={r.archived} label={t('archivedBadge')} />
        </span>
      ),
    },
    { key: 'org', header: t('column.org'), value: (r) => r.org.name },
    { key: 'purpose', header: t('camera.column.purpose'), value: (r) => r.purpose },
    { key: 'startedOn', header: t('camera.column.startedOn'), value: (r) => r.startedOn ?? '' },
    { key: 'endedOn', header: t('camera.column.endedOn'), value: (r) => r.endedOn ?? '' },
    { key: 'state', header: t('column.status'), value: (r) => t(`status.camera_${r.state}`), render: (r) => <StateBadge status={`camera_${r.state}`} /> },
    {
      key: 'balancing', header: t('camera.column.balancing'), value: (r) => (r.balancingMissing ? t('camera.missing') : r.balancingDate ?? ''),
      render: (r) => (r.balancingMissing ? <Badge color={r.state === 'pagar' ? 'red' : 'gray'} variant="light" tt="none">{t('camera.missing')}</Badge> : r.balancingDate),
    },
    { key: 'signs', header: t('camera.column.signs'), value: (r) => yesNo(r.signs) },
    { key: 'storageDays', header: t('camera.column.storageDays'), value: (r) => r.storageDays },
    { key: 'cameras', header: t('camera.column.cameras'), value: (r) => r.cameras, hidden: true },
    { key: 'sound', header: t('camera.column.sound'), value: (r) => yesNo(r.sound), hidden: true },
    { key: 'area', header: t('camera.column.area'), value: (r) => r.area, hidden: true },
    { key: 'activity', header: t('camera.column.activity'), value: (r) => r.activity?.name ?? '', hidden: true },
  ];

  return (
    <Stack mt="xl" component="section" aria-labelledby="camera-heading">
      <Title order={2} id="camera-heading">{t('camera.title')}</Title>
      <Text c="dimmed">{t('camera.intro', { org: org.name })}</Text>
      <Group align="flex-end" wrap="wrap" role="group" aria-label={t('camera.filters')}>
        <NativeSelect label={t('camera.filter.period')} value={filter.period} onChange={set('period')} w={260}
          data={[{ value: '', label: t('camera.filter.register') }, { value: 'all', label: t('camera.filter.all') }]} />
        <NativeSelect label={t('camera.filter.archived')} value={filter.archived} onChange={set('archived')} w={170}
          data={[{ value: '', label: t('filter.active') }, { value: 'true', label: t('filter.archivedOnly') }, { value: 'all', label: t('camera.filter.allSites') }]} />
        {manage && <Button onClick={edit.startNew}>{t('camera.new')}</Button>}
      </Group>
      <Text size="sm" role="status" aria-live="polite">{edit.message}</Text>
      <Register<CameraSite>
        label={t('camera.registerLabel', { org: org.name })} exportName={`kamerabevakning-${org.slug}`} emptyText={t('camera.empty')}
        columns={columns} rowKey={(r) => r.id} data={list.data} loading={list.isPending} error={list.error}
        actions={manage ? edit.editButton : undefined}
      />
      {edit.editing && <CameraDialog org={org} site={edit.row} onClose={edit.close} onSaved={edit.saved} />}
    </Stack>
  );
}
