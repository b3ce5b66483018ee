import { useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, Group, List, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import type { CreateLink, IncidentDetail, IncidentLink, LinkTarget, LinkTargetType } from './types';
import { LINK_TYPES } from './types';

type Internal = Exclude<LinkTargetType, 'url'>;

/** The target of a link: its title as a link to its page, a web address, or a note that it cannot be shown. */
function TargetCell({ link }: { link: IncidentLink }) {
  const { t } = useTranslation('incidents');
  if (link.targetId === null) {
    return (
      <Text size="sm" fs="italic">
        {t('actions.hidden')}
      </Text>
    );
  }
  if (link.title === null || link.href === null) {
    return (
      <Text size="sm" fs="italic">
        {t('links.unavailable')} <Text span size="xs" c="dimmed">({link.targetId})</Text>
      </Text>
    );
  }
  if (link.targetType === 'url') {
    return (
      <Anchor href={link.href} target="_blank" rel="noopener noreferrer">
        {link.title}
        <Text span size="xs"> {t('links.external')}</Text>
      </Anchor>
    );
  }
  return (
    <>
      <Anchor component={Link} to={link.href}>
        {link.title}
      </Anchor>
      {link.org && (
        <Text span size="xs" c="dimmed">
          {' '}
          ({link.org.name})
        </Text>
      )}
    </>
  );
}

/** Search results of one type, each with a button that links it. */
function TargetSearch({ incident, type, onPick, busy }: { incident: IncidentDetail; type: Internal; onPick: (t: LinkTarget) => void; busy: boolean }) {
  const { t } = useTranslation('incidents');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const results = useQuery({
    queryKey: ['incidents', 'link-targets', type, debounced],
    queryFn: () => api.get<{ items: LinkTarget[] }>('/incidents/link-targets', { type, q: debounced }),
  });
  const linked = new Set(incident.links.filter((l) => l.targetType === type).map((l) => l.targetId));
  const items = (results.data?.items ?? []).filter((r) => !(type === 'incident' && r.id === incident.id));
  return (
    <Stack gap="xs">
      <TextInput type="search" label={t('links.search')} description={t('links.searchHelp')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={420} maw="100%" />
      <Text size="sm" aria-live="polite">
        {results.isFetching ? t('common:loading') : t('links.hits', { count: items.length })}
      </Text>
      {items.length > 0 && (
        <List size="sm" listStyleType="none" spacing={4} aria-label={t('links.results')}>
          {items.map((r) => (
            <List.Item key={r.id}>
              <Group gap="xs" wrap="nowrap">
                <Button size="compact-sm" variant="outline" disabled={linked.has(r.id) || busy} aria-label={t('links.linkOne', { title: r.title })} onClick={() => onPick(r)}>
                  {linked.has(r.id) ? t('links.already') : t('links.link')}
                </Button>
                <Text size="sm">
                  {r.title}
                  {r.org ? ` (${r.org.name})` : ''}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** Kopplingar: the incident's links to risks, documents, plan activities, objects (systems), suppliers, other incidents and web addresses. */
export function LinksPanel({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const { t, i18n } = useTranslation('incidents');
  const { can } = useSession();
  const manage = can('incident.manage') && incident.allowedStatuses.length > 0;
  const [type, setType] = useState<LinkTargetType>('risk');
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const add = useSubmit((body: CreateLink) => api.post<IncidentLink>(`/incidents/${incident.id}/links`, body));
  const remove = useSubmit(async (l: IncidentLink) => {
    await api.delete<void>(`/incidents/${incident.id}/links/${l.id}`);
    return true;
  });
  const typeLabel = (ty: string) => t(`links.type.${ty}`, { defaultValue: ty });
  // The button used is disabled (Koppla → Kopplad, an emptied address) or gone (Ta bort): focus goes to the section,
  // whose table holds the change, or back to the address when it was refused.
  const focusLater = useFocusLater();
  const heading = useRef<HTMLHeadingElement>(null);
  const urlField = useRef<HTMLInputElement>(null);

  async function link(targetId: string) {
    const r = await add.run({ targetType: type, targetId, ...(note.trim() ? { note: note.trim() } : {}) });
    if (r) {
      setUrl('');
      setNote('');
      onChange();
    }
    focusLater(() => (!r && type === 'url' ? urlField.current : heading.current));
  }
  async function submitUrl(e: FormEvent) {
    e.preventDefault();
    if (type === 'url') await link(url.trim());
  }

  return (
    <Section id="links-title" title={t('links.title')} headingRef={heading}>
      {incident.links.length === 0 ? (
        <Text size="sm">{t('links.none')}</Text>
      ) : (
        <TableScroll minWidth={480} label={t('links.tableLabel')}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('links.typeLabel')}</Table.Th>
                <Table.Th>{t('links.target')}</Table.Th>
                <Table.Th>{t('links.note')}</Table.Th>
                {manage && <Table.Th>{t('links.change')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incident.links.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{typeLabel(l.targetType)}</Table.Td>
                  <Table.Td>
                    <TargetCell link={l} />
                  </Table.Td>
                  <Table.Td>{l.note ?? <Text span size="sm" fs="italic">{t('actions.hidden')}</Text>}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        color="red.8"
                        loading={remove.busy}
                        aria-label={t('links.removeOne', { title: l.title ?? l.targetId ?? t('actions.hidden') })}
                        onClick={async () => {
                          if (await remove.run(l)) onChange();
                          focusLater(() => heading.current);
                        }}
                      >
                        {t('links.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <ProblemAlert error={remove.error} onReload={onChange} />
      {manage && (
        <Stack mt="sm" gap="xs" component="form" onSubmit={submitUrl} aria-label={t('links.add')}>
          <Title order={3} size="h4">
            {t('links.add')}
          </Title>
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('links.typeLabel')}
              value={type}
              onChange={(e) => {
                setType(e.currentTarget.value as LinkTargetType);
                add.reset();
              }}
              data={LINK_TYPES.map((ty) => ({ value: ty, label: typeLabel(ty) }))}
              w={220}
            />
            <TextInput label={t('links.noteOptional')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(add.error, 'note', i18n.language)} w={280} maw="100%" />
          </Group>
          {type === 'url' ? (
            <Group align="flex-end" wrap="wrap">
              <TextInput ref={urlField} type="url" label={t('links.url')} placeholder="https://" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(add.error, 'targetId', i18n.language)} required w={420} maw="100%" />
              <Button type="submit" loading={add.busy} disabled={!url.trim()}>
                {t('links.addUrl')}
              </Button>
            </Group>
          ) : (
            <TargetSearch key={type} incident={incident} type={type} busy={add.busy} onPick={(r) => void link(r.id)} />
          )}
          <ProblemAlert error={add.error} fields={type === 'url' ? ['targetId', 'note'] : ['note']} />
        </Stack>
      )}
    </Section>
  );
}
