import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Checkbox, Group, List, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage, fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { useSelectedOrg } from '../../shell/org-context';
import { rsaListQuery, thisYear } from './api';
import { useSearchFlag, useSearchValues } from '../../shell/search';
import { ActivityDialog } from './ActivityDialog';
import { RSA_STATUSES, type Rsa } from './types';
import { FormActions } from '../../components/FormActions';

/**
 * The former RSA page: RSA is the first tab of Kontinuitet. Its address (bookmarks, links in e-mail) opens that tab
 * with the same query (?utanPlan=1).
 */
export default function RsaRedirect() {
  const search = useSearchValues();
  return <Navigate to="/risker/kontinuitet" search={{ ...search, flik: 'rsa' }} replace />;
}

/** The RSA cycles of the selected organisation with their critical processes: the RSA page, and a tab of Kontinuitet. */
export function RsaSection() {
  const { t, i18n } = useTranslation('risks');
  const { can } = useSession();
  const { selected, selectedSlug } = useSelectedOrg();
  const list = useQuery(rsaListQuery(selectedSlug));
  const [rsaId, setRsaId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'new' | 'edit' | null>(null);
  const [activity, setActivity] = useState<string | 'new' | null>(null);
  const items = useMemo(() => list.data ?? [], [list.data]);
  const withoutPlanFromLink = useSearchFlag('utanPlan');
  const [withoutPlan, setWithoutPlan] = useState(withoutPlanFromLink);
  useEffect(() => {
    // The newest cycle first. The start page's "processes without a fastställd plan" (?utanPlan=1) counts those of
    // the latest cycle that has processes: a next cycle still being planned, with none yet, would show nothing.
    const first = (withoutPlanFromLink && items.find((r) => r.activities.some((a) => a.planStatus !== 'faststalld'))) || items[0];
    if (!items.some((r) => r.id === rsaId)) setRsaId(first?.id ?? null);
  }, [items, rsaId, withoutPlanFromLink]);
  const rsa = items.find((r) => r.id === rsaId);
  const manage = can('risk.manage');

  return (
    <Stack>
      {!selected ? (
        <Alert color="orange">{t('needOrg')}</Alert>
      ) : (
        <>
          <Text>{t('rsa.intro', { org: selected.name })}</Text>
          {list.isError && (
            <Alert color="red" role="alert">
              {errorMessage(list.error, i18n.language)}
            </Alert>
          )}
          <Group align="flex-end">
            {items.length > 0 && (
              <NativeSelect label={t('rsa.cycle')} value={rsaId ?? ''} onChange={(e) => setRsaId(e.currentTarget.value)} data={items.map((r) => ({ value: r.id, label: `${r.cycle} – ${r.org.name}` }))} />
            )}
            {manage && <Button onClick={() => setDialog('new')}>{t('rsa.new')}</Button>}
            {manage && rsa && (
              <Button variant="default" onClick={() => setDialog('edit')}>
                {t('rsa.edit')}
              </Button>
            )}
          </Group>
          {list.isSuccess && items.length === 0 && <Text>{t('rsa.none')}</Text>}
          {rsa && (
            <Stack>
              <Group gap="sm">
                <Title order={2} size="h3">
                  {rsa.title}
                </Title>
                <Badge color={rsa.status === 'klar' ? 'green.9' : 'gray.8'} variant="outline" tt="none">
                  {t(`rsa.status.${rsa.status}`)}
                </Badge>
              </Group>
              {rsa.summary && <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{rsa.summary}</Text>}
              <Group justify="space-between">
                <Title order={3} size="h4">
                  {t('rsa.activities')}
                </Title>
                {manage && (
                  <Button size="sm" variant="light" onClick={() => setActivity('new')}>
                    {t('rsa.addActivity')}
                  </Button>
                )}
              </Group>
              <Checkbox label={t('rsa.onlyWithoutPlan')} checked={withoutPlan} onChange={(e) => setWithoutPlan(e.currentTarget.checked)} />
              {rsa.activities.length === 0 ? (
                <Text size="sm">{t('rsa.noActivities')}</Text>
              ) : (
                <TableScroll minWidth={800}>
                  <Table className="risk-table" striped aria-label={t('rsa.activities')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('rsa.field.name')}</Table.Th>
                        <Table.Th>{t('rsa.field.owner')}</Table.Th>
                        <Table.Th className="num">{t('rsa.field.maxDowntimeHours')}</Table.Th>
                        <Table.Th>{t('rsa.field.planStatus')}</Table.Th>
                        <Table.Th>{t('rsa.field.dependencies')}</Table.Th>
                        <Table.Th>{t('rsa.field.threats')}</Table.Th>
                        <Table.Th>{t('rsa.field.capability')}</Table.Th>
                        <Table.Th className="num">{t('event.field.actions')}</Table.Th>
                        <Table.Th>{t('edit')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rsa.activities.filter((a) => !withoutPlan || a.planStatus !== 'faststalld').map((a) => (
                        <Table.Tr key={a.id}>
                          <Table.Td>
                            {a.name}
                            {a.description && (
                              <Text size="xs" c="dimmed">
                                {a.description}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            {a.owner || '–'}
                            {a.ownerOrg && <Text size="xs" c="dimmed">{a.ownerOrg.name}</Text>}
                          </Table.Td>
                          <Table.Td className="num">{a.maxDowntimeHours ?? '–'}</Table.Td>
                          <Table.Td>
                            <Badge color={a.planStatus === 'faststalld' ? 'green' : a.planStatus === 'under_arbete' ? 'orange' : 'red'} variant="light" tt="none">
                              {t(`planStatus.${a.planStatus}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <List size="sm">
                              {a.objects.map((o) => (
                                <List.Item key={o.id}>{t('dependency.system')}: {o.name}</List.Item>
                              ))}
                              {a.dependencies.map((d, i) => (
                                <List.Item key={i}>
                                  {t(`dependency.${d.type}`, { defaultValue: d.type })}: {d.name}
                                </List.Item>
                              ))}
                            </List>
                          </Table.Td>
                          <Table.Td>
                            <List size="sm">
                              {a.threats.map((h, i) => (
                                <List.Item key={i}>{h.title}</List.Item>
                              ))}
                            </List>
                          </Table.Td>
                          <Table.Td>
                            {a.capability ? t(`capability.${a.capability}`) : '–'}
                            {a.capabilityNote && <Text size="xs">{a.capabilityNote}</Text>}
                          </Table.Td>
                          <Table.Td className="num">{a.actions.length}</Table.Td>
                          <Table.Td>
                            <Button size="compact-sm" variant="default" onClick={() => setActivity(a.id)} aria-label={t(manage ? 'rsa.editActivity' : 'rsa.showActivity', { name: a.name })}>
                              {manage ? t('edit') : t('show')}
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              )}
            </Stack>
          )}
        </>
      )}
      {dialog && selected && <RsaDialog org={selected} rsa={dialog === 'edit' ? rsa : undefined} onClose={() => setDialog(null)} onCreated={setRsaId} />}
      {activity && rsa && <ActivityDialog key={activity} rsa={rsa} activity={rsa.activities.find((a) => a.id === activity)} canEdit={manage} onClose={() => setActivity(null)} />}
    </Stack>
  );
}

function RsaDialog({ org, rsa, onClose, onCreated }: { org: { slug: string; name: string }; rsa?: Rsa; onClose: () => void; onCreated: (id: string) => void }) {
  const { t, i18n } = useTranslation('risks');
  const qc = useQueryClient();
  const [year, setYear] = useState(String(rsa?.cycleStartYear ?? thisYear()));
  const [endYear, setEndYear] = useState(rsa ? String(rsa.cycleEndYear) : '');
  const [title, setTitle] = useState(rsa?.title ?? '');
  const [summary, setSummary] = useState(rsa?.summary ?? '');
  const [status, setStatus] = useState<string>(rsa?.status ?? 'planerad');
  const submit = useSubmit(() =>
    rsa
      ? api.patch<Rsa>(`/risks/rsa/${rsa.id}`, { version: rsa.version, title, summary, status: status as Rsa['status'], cycleEndYear: Number(endYear) })
      : api.post<Rsa>('/risks/rsa', { org: org.slug, cycleStartYear: Number(year), cycleEndYear: endYear ? Number(endYear) : undefined, title: title || undefined, summary, status: status as Rsa['status'] }),
  );
  const fe = (f: string) => fieldError(submit.error, f, i18n.language);
  const reload = () => void qc.invalidateQueries({ queryKey: ['risks', 'rsa'] }).then(onClose);
  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await submit.run();
    if (r) {
      await qc.invalidateQueries({ queryKey: ['risks', 'rsa'] });
      onCreated(r.id);
      onClose();
    }
  }
  return (
    <Dialog opened onClose={onClose} size="lg" title={rsa ? t('rsa.edit') : t('rsa.newTitle', { org: org.name })}>
      <form onSubmit={save} noValidate>
        <Stack>
          <ProblemAlert error={submit.error} fields={['cycleStartYear', 'cycleEndYear', 'title', 'summary', 'status']} onReload={reload} />
          {!rsa && <TextInput label={t('rsa.field.cycleStartYear')} description={t('rsa.cycleHelp')} type="number" required value={year} onChange={(e) => setYear(e.currentTarget.value)} error={fe('cycleStartYear')} data-autofocus />}
          <TextInput label={t('rsa.field.cycleEndYear')} description={t('rsa.cycleEndHelp')} type="number" value={endYear} placeholder={String(Number(year) + 1)} onChange={(e) => setEndYear(e.currentTarget.value)} error={fe('cycleEndYear')} />
          <TextInput label={t('rsa.field.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fe('title')} placeholder={rsa ? undefined : t('rsa.defaultTitle', { from: year, to: Number(year) + 1 })} />
          <Textarea label={t('rsa.field.summary')} autosize minRows={3} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={fe('summary')} />
          <NativeSelect label={t('rsa.field.status')} value={status} onChange={(e) => setStatus(e.currentTarget.value)} data={RSA_STATUSES.map((s) => ({ value: s, label: t(`rsa.status.${s}`) }))} error={fe('status')} />
          <FormActions busy={submit.busy} submitLabel={t('common:save')} onCancel={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}
