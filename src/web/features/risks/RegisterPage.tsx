import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../components/problem';
import { Register, type RegisterColumn } from '../../components/Register';
import { formatDate } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { scalesQuery } from './api';
import { useSearchFlag } from '../../shell/search';
import { RiskValue } from './badges';
import { HeatMap } from './HeatMap';
import { RiskDialog } from './RiskDialog';
import { SubNav } from './SubNav';
import { SOURCE_TYPES, TREATMENTS, type Heatmap, type RegisterRisk, type RiskList } from './types';
import { sourceText } from './source';

interface Filters {
  sourceType: string;
  treatment: string;
  status: string;
  owner: string;
  level: string;
  reviewOverdue: boolean;
  basis: 'residual' | 'inherent';
}

const PAGE = 100;

/** Riskregistret: filters, heat map (a cell lists its risks), the register with server export, create and edit. */
export default function RegisterPage() {
  const { t, i18n } = useTranslation('risks');
  const { can } = useSession();
  const { selected, selectedSlug } = useSelectedOrg();
  const qc = useQueryClient();
  const overdueFromLink = useSearchFlag('reviewOverdue');
  const [f, setF] = useState<Filters>({ sourceType: '', treatment: '', status: 'oppen', owner: '', level: '', reviewOverdue: overdueFromLink, basis: 'residual' });
  const [cell, setCell] = useState<{ sannolikhet: number; konsekvens: number } | null>(null);
  const [dialog, setDialog] = useState<string | 'new' | null>(null);
  const scale = useQuery(scalesQuery(selectedSlug)).data?.current;
  const manage = can('risk.manage');

  const base = {
    org: selectedSlug ?? '',
    sourceType: f.sourceType,
    treatment: f.treatment,
    status: f.status,
    owner: f.owner.trim(),
    level: f.level,
    reviewOverdue: f.reviewOverdue ? 'true' : '',
    basis: f.basis,
  };
  const q = { ...base, sannolikhet: cell?.sannolikhet, konsekvens: cell?.konsekvens };
  const heat = useQuery({ queryKey: ['risks', 'heatmap', base] as const, queryFn: () => api.get<Heatmap>('/risks/register/heatmap', base), enabled: !!selectedSlug });
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => {
    setF((x) => ({ ...x, [k]: v }));
    setCell(null);
  };

  const columns: RegisterColumn<RegisterRisk>[] = [
    { key: 'title', header: t('risk.field.title'), value: (r) => r.title },
    { key: 'org', header: t('risk.field.org'), value: (r) => r.org.name, hidden: true },
    {
      key: 'source',
      header: t('risk.field.sourceType'),
      value: (r) => sourceText(t(`source.${r.sourceType}`), r.sourceLabel),
      render: (r) => <div className="wrap-long">{sourceText(t(`source.${r.sourceType}`), r.sourceLabel)}</div>,
    },
    { key: 'owner', header: t('risk.field.owner'), value: (r) => r.owner },
    { key: 'inherent', header: t('risk.inherent'), value: (r) => r.inherent.riskvarde, render: (r) => <RiskValue value={r.inherent.riskvarde} band={r.inherent.band} /> },
    { key: 'residual', header: t('risk.residual'), value: (r) => r.residual?.riskvarde ?? null, render: (r) => (r.residual ? <RiskValue value={r.residual.riskvarde} band={r.residual.band} /> : '–') },
    { key: 'level', header: t('risk.level'), value: (r) => r.level ?? '' },
    { key: 'treatment', header: t('risk.field.treatment'), value: (r) => (r.treatment ? t(`treatment.${r.treatment}`) : t('treatment.none')) },
    {
      key: 'review',
      header: t('risk.field.reviewDate'),
      value: (r) => r.reviewDate ?? '',
      render: (r) => (
        // The date on one line, Försenad beside it where there is room and under it where not: kept on one line, the
        // two widened the column so that the table ran past 1280 px.
        <Group gap={4} wrap="wrap">
          <span className="nowrap">{formatDate(r.reviewDate)}</span>
          {r.reviewOverdue && (
            <Badge color="orange.9" variant="filled" tt="none">
              {t('overdue')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'actions', header: t('event.field.actions'), value: (r) => r.actions.length },
    { key: 'status', header: t('risk.field.status'), value: (r) => t(`riskStatus.${r.status}`), hidden: true },
  ];

  return (
    <Stack>
      <Title order={1}>{t('register.title')}</Title>
      <SubNav />
      {!selected ? (
        <Alert color="orange">{t('needOrg')}</Alert>
      ) : (
        <>
          <Text>{t('register.intro', { org: selected.name })}</Text>
          <form aria-label={t('register.filters')} onSubmit={(e) => e.preventDefault()}>
            <SimpleGrid cols={{ base: 1, sm: 3, lg: 4 }}>
              <NativeSelect label={t('risk.field.sourceType')} value={f.sourceType} onChange={(e) => set('sourceType', e.currentTarget.value)} data={[{ value: '', label: t('register.all') }, ...SOURCE_TYPES.map((s) => ({ value: s, label: t(`source.${s}`) }))]} />
              <NativeSelect label={t('risk.field.treatment')} value={f.treatment} onChange={(e) => set('treatment', e.currentTarget.value)} data={[{ value: '', label: t('register.all') }, ...TREATMENTS.map((s) => ({ value: s, label: t(`treatment.${s}`) })), { value: 'ingen', label: t('treatment.none') }]} />
              <NativeSelect label={t('risk.field.status')} value={f.status} onChange={(e) => set('status', e.currentTarget.value)} data={[{ value: 'oppen', label: t('riskStatus.oppen') }, { value: 'stangd', label: t('riskStatus.stangd') }, { value: 'alla', label: t('register.all') }]} />
              <NativeSelect label={t('risk.level')} value={f.level} onChange={(e) => set('level', e.currentTarget.value)} data={[{ value: '', label: t('register.all') }, ...(scale?.bands ?? []).map((b) => ({ value: b.label, label: b.label }))]} />
              <TextInput label={t('risk.field.owner')} value={f.owner} onChange={(e) => set('owner', e.currentTarget.value)} />
              <NativeSelect label={t('register.basis')} value={f.basis} onChange={(e) => set('basis', e.currentTarget.value as Filters['basis'])} data={[{ value: 'residual', label: t('heatmap.basis.residual') }, { value: 'inherent', label: t('heatmap.basis.inherent') }]} />
              <Checkbox label={t('register.reviewOverdue')} checked={f.reviewOverdue} onChange={(e) => set('reviewOverdue', e.currentTarget.checked)} mt={28} />
            </SimpleGrid>
          </form>
          {heat.isError && (
            <Alert color="red" role="alert">
              {errorMessage(heat.error, i18n.language)}
            </Alert>
          )}
          {heat.data && <HeatMap data={heat.data} selected={cell} onSelect={setCell} />}
          <Group justify="space-between">
            <Title order={2} size="h3" id="register-list-title">
              {cell && heat.data
                ? t('register.cellTitle', { s: heat.data.scale.likelihood[cell.sannolikhet - 1], k: heat.data.scale.consequence[cell.konsekvens - 1], v: cell.sannolikhet * cell.konsekvens })
                : t('register.listTitle')}
            </Title>
            {cell && (
              <Button variant="default" size="sm" onClick={() => setCell(null)}>
                {t('register.showAll')}
              </Button>
            )}
          </Group>
          <Register<RegisterRisk, number>
            label={t('register.listTitle')}
            columns={columns}
            rowKey={(r) => r.id}
            queryKey={['risks', 'register', q]}
            fetchPage={async (cursor) => {
              const offset = cursor ?? 0;
              const r = await api.get<RiskList>('/risks/register', { ...q, limit: PAGE, offset });
              return { items: r.items, nextCursor: offset + r.items.length < r.total ? offset + r.items.length : null };
            }}
            exportName="riskregister"
            serverExport={(format) => apiUrl('/risks/register/export', { ...q, format })}
            emptyText={t('register.empty')}
            actions={(r) => (
              <Button size="compact-sm" variant="default" onClick={() => setDialog(r.id)} aria-label={t(manage ? 'risk.editOne' : 'risk.showOne', { title: r.title })}>
                {manage ? t('edit') : t('show')}
              </Button>
            )}
            toolbar={
              manage ? (
                <Button onClick={() => setDialog('new')}>{t('risk.new')}</Button>
              ) : undefined
            }
          />
        </>
      )}
      {dialog && selected && (
        <RiskDialog
          key={dialog}
          id={dialog === 'new' ? null : dialog}
          org={selected}
          canEdit={manage}
          onClose={() => setDialog(null)}
          onChanged={() => void qc.invalidateQueries({ queryKey: ['risks'] }).then(() => qc.invalidateQueries({ queryKey: ['register', 'risks'] }))}
        />
      )}
    </Stack>
  );
}
