import { useState, type FormEvent } from 'react';
import { Button, Code, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../api/client';
import type { AuditEntry, AuditPage as Page } from '../../api/types';
import { Register, type RegisterColumn } from '../../components/Register';
import { actorText, formatDateTime, stockholmDayStart } from '../../format';
import { orgsQuery } from '../../shell/org-context';

interface Filter {
  org: string;
  actor: string;
  action: string;
  entityType: string;
  from: string;
  to: string;
}
const EMPTY: Filter = { org: '', actor: '', action: '', entityType: '', from: '', to: '' };

const toQuery = (f: Filter) => ({
  org: f.org,
  actor: f.actor.trim(),
  action: f.action.trim(),
  entityType: f.entityType.trim(),
  from: f.from ? stockholmDayStart(f.from) : '',
  to: f.to ? stockholmDayStart(f.to, true) : '',
});

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** Granskningslogg: filter, page through (newest first) and export the audit trail. */
export default function AuditPage() {
  const { t, i18n } = useTranslation('audit');
  const orgs = useQuery(orgsQuery(true));
  // Events in the user's words; the code stays beside them (it is what the filter and exports use). The codes
  // hold dots, so they are read from the bundle rather than through t()'s nested keys.
  const bundle = i18n.getResourceBundle(i18n.language.startsWith('en') ? 'en' : 'sv', 'audit') as { actions?: Record<string, string>; entityTypes?: Record<string, string> } | undefined;
  const actions = bundle?.actions ?? {};
  const entityTypes = bundle?.entityTypes ?? {};
  const orgName = new Map((orgs.data ?? []).map((o) => [o.slug, o.name]));
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const set = (k: keyof Filter) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setDraft((d) => ({ ...d, [k]: v }));
  };
  const q = toQuery(filter);

  const columns: RegisterColumn<AuditEntry>[] = [
    { key: 'seq', header: t('col.seq'), value: (r) => r.seq },
    { key: 'at', header: t('col.at'), value: (r) => new Date(r.at), render: (r) => <span className="nowrap">{formatDateTime(r.at)}</span> },
    // The label as recorded (sorted, searched and exported so); shown in words for Tillit's presets and the command line.
    { key: 'actor', header: t('col.actor'), value: (r) => r.actorLabel, render: (r) => actorText(r.actorLabel, t) },
    {
      key: 'action', header: t('col.action'), value: (r) => actions[r.action] ?? r.action,
      render: (r) => (
        <span>
          {actions[r.action] ?? r.action} <Code>{r.action}</Code>
        </span>
      ),
    },
    { key: 'entityType', header: t('col.entityType'), value: (r) => entityTypes[r.entityType] ?? r.entityType },
    { key: 'entityId', header: t('col.entityId'), value: (r) => r.entityId, hidden: true },
    { key: 'org', header: t('col.org'), value: (r) => (r.orgSlug ? (orgName.get(r.orgSlug) ?? r.orgSlug) : '') },
    { key: 'before', header: t('col.before'), value: (r) => json(r.before), hidden: true },
    { key: 'after', header: t('col.after'), value: (r) => json(r.after), hidden: true },
    { key: 'ip', header: t('col.ip'), value: (r) => r.ip, hidden: true },
    { key: 'hash', header: t('col.hash'), value: (r) => r.hash, hidden: true },
  ];

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilter(draft);
  }

  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <form onSubmit={apply} aria-label={t('filters')}>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('col.org')}
            value={draft.org}
            onChange={set('org')}
            data={[{ value: '', label: t('allOrgs') }, ...(orgs.data ?? []).map((o) => ({ value: o.slug, label: o.name }))]}
            w={200}
          />
          <TextInput label={t('col.actor')} value={draft.actor} onChange={set('actor')} w={180} />
          <TextInput label={t('col.action')} value={draft.action} onChange={set('action')} placeholder="org.create" w={160} />
          <NativeSelect
            label={t('col.entityType')}
            value={draft.entityType}
            onChange={set('entityType')}
            data={[{ value: '', label: t('allTypes') }, ...Object.entries(entityTypes).map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'sv'))]}
            w={200}
          />
          <TextInput label={t('from')} type="date" value={draft.from} onChange={set('from')} w={160} />
          <TextInput label={t('to')} type="date" value={draft.to} onChange={set('to')} w={160} />
          <Button type="submit">{t('apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
            }}
          >
            {t('clear')}
          </Button>
        </Group>
      </form>
      <Register<AuditEntry, number>
        label={t('title')}
        columns={columns}
        rowKey={(r) => String(r.seq)}
        queryKey={['audit', q]}
        fetchPage={(cursor) => api.get<Page>('/audit', { ...q, cursor, limit: 50 })}
        exportName="granskningslogg"
        serverExport={(format) => apiUrl('/audit', { ...q, format })}
        emptyText={t('empty')}
      />
    </Stack>
  );
}
