import { useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { Register, type RegisterColumn } from '../../components/Register';
import { useSubmit } from '../../components/useSubmit';
import { useSelectedOrg } from '../../shell/org-context';
import { CategoryDialog } from './CategoryDialog';
import { SubNav } from './SubNav';
import type { CategoryDto, CategoryList, CategoryUpdated } from './types';
import { KIND_KEY } from './types';
import { COLORS } from './util';

/**
 * Kategorier: the category list (templates of the 60-second report) that applies to the selected organisation —
 * its own, inherited from the nearest organisation above, or the built-in defaults — and managing the own list.
 */
export default function CategoriesPage() {
  const { t } = useTranslation('incidents');
  const { selected } = useSelectedOrg();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<{ category?: CategoryDto } | null>(null);
  const [message, setMessage] = useState('');
  const key = ['incidents', 'category-list', selected?.slug] as const;
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<CategoryList>('/incident-categories', { org: selected!.slug }),
    enabled: !!selected,
  });
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['incidents', 'categories'] })]);
  const copy = useSubmit(async () => {
    await api.post<CategoryList>('/incident-categories/copy', { org: selected!.slug });
    await refresh();
    return true;
  });
  const toggle = useSubmit(async (c: CategoryDto) => {
    const r = await api.patch<CategoryUpdated>(`/incident-categories/${c.id}`, { version: c.version, active: !c.active });
    await refresh();
    return r;
  });

  if (!selected) {
    return (
      <Stack>
        <Title order={1}>{t('categories.title')}</Title>
        <SubNav />
        <Alert color="orange">{t('noOrg')}</Alert>
      </Stack>
    );
  }
  const data = list.data;
  const own = data?.source === 'own';
  const columns: RegisterColumn<CategoryDto>[] = [
    { key: 'name', header: t('categories.name'), value: (c) => c.name },
    { key: 'kind', header: t('field.kind'), value: (c) => (c.kind ? t(`kind.${KIND_KEY[c.kind] ?? 'x'}`, { defaultValue: c.kind }) : '') },
    { key: 'personalData', header: t('categories.personalData'), value: (c) => (c.personalData ? t(`pd.${c.personalData}`) : '') },
    { key: 'risk', header: t('field.riskAssessment'), value: (c) => (c.riskAssessment ? t(`risk.${c.riskAssessment}`) : '') },
    { key: 'firstActions', header: t('categories.firstActions'), value: (c) => c.firstActions.join('; ') },
    { key: 'assessmentText', header: t('categories.assessmentText'), value: (c) => c.assessmentText, hidden: true },
    {
      key: 'active',
      header: t('categories.active'),
      value: (c) => (c.active ? t('categories.isActive') : t('categories.isInactive')),
      render: (c) => (
        <Badge color={c.active ? COLORS.green : COLORS.gray} variant="filled" tt="none">
          {c.active ? t('categories.isActive') : t('categories.isInactive')}
        </Badge>
      ),
    },
  ];

  async function saved(r: CategoryDto | CategoryUpdated) {
    setDialog(null);
    await refresh();
    const renamed = 'renamedIncidents' in r ? r.renamedIncidents : 0;
    setMessage(renamed > 0 ? t('categories.savedRenamed', { name: r.name, count: renamed }) : t('categories.saved', { name: r.name }));
  }

  return (
    <Stack>
      <Title order={1}>{t('categories.title')}</Title>
      <SubNav />
      <Text c="dimmed">{t('categories.intro')}</Text>
      {data && (
        <Alert color={own ? 'gray' : 'blue'} title={t(`categories.source.${data.source}`, { org: selected.name, from: data.from?.name ?? '' })}>
          <Stack gap="xs">
            <Text size="sm">{t(own ? 'categories.ownText' : 'categories.inheritedText', { org: selected.name })}</Text>
            {!own && (
              <Group>
                <Button variant="outline" className="button-wraps" loading={copy.busy} onClick={() => void copy.run()}>
                  {t('categories.copy', { org: selected.name })}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <ProblemAlert error={copy.error ?? toggle.error} onReload={() => void refresh()} />
      <Text size="sm" role="status">
        {message}
      </Text>
      <Register<CategoryDto>
        label={t('categories.registerLabel', { org: selected.name })}
        columns={columns}
        rowKey={(c) => c.id ?? c.name}
        data={data?.items}
        loading={list.isPending}
        error={list.error}
        exportName={`incidentkategorier-${selected.slug}`}
        emptyText={t('categories.empty')}
        toolbar={<Button onClick={() => setDialog({})}>{t('categories.new')}</Button>}
        actions={(c) =>
          own && c.id ? (
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" variant="default" aria-label={t('categories.editOne', { name: c.name })} onClick={() => setDialog({ category: c })}>
                {t('categories.edit')}
              </Button>
              <Button
                size="compact-sm"
                variant="outline"
                loading={toggle.busy}
                aria-label={t(c.active ? 'categories.deactivateOne' : 'categories.activateOne', { name: c.name })}
                onClick={() => void toggle.run(c)}
              >
                {c.active ? t('categories.deactivate') : t('categories.activate')}
              </Button>
            </Group>
          ) : null
        }
      />
      {dialog && <CategoryDialog org={selected} category={dialog.category} copies={!own} onClose={() => setDialog(null)} onSaved={(r) => void saved(r)} />}
    </Stack>
  );
}
