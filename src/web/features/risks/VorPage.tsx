import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../components/problem';
import { useSelectedOrg } from '../../shell/org-context';
import { thisYear, useOwnVors, vorQuery } from './api';
import { DecisionText, IkpBadge, RiskValue } from './badges';
import { EventDialog } from './EventDialog';
import { CreateVorButton, NextYearButton, ProcessButtons } from './VorControls';
import { SubNav } from './SubNav';
import { VorImportButton, VorTemplateLink } from './VorImport';
import type { Vor, VorArbetssatt } from './types';

/** The VoR editor: the selected organisation's väsentlighets- och riskanalys for one year. */
export default function VorPage() {
  const { t, i18n } = useTranslation('risks');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const qc = useQueryClient();
  const list = useOwnVors(selected);
  const [vorId, setVorId] = useState<string | null>(null);
  // After an import: show the year imported into once the list has it (the import may have created it).
  const [importedYear, setImportedYear] = useState<number | null>(null);
  // A VoR just created (next year, a new one): shown once the list has it. Until then the list may still be the one read
  // before, and the choice must not fall back to its first year (the next year's "Öppna VoR" then showed this year's).
  const [createdId, setCreatedId] = useState<string | null>(null);
  useEffect(() => {
    const imported = importedYear === null ? undefined : list.own.find((v) => v.year === importedYear);
    if (imported) {
      setVorId(imported.id);
      setImportedYear(null);
    } else if (createdId !== null) {
      if (list.own.some((v) => v.id === createdId)) {
        setVorId(createdId);
        setCreatedId(null);
      }
    } else if (!list.own.some((v) => v.id === vorId)) setVorId(list.own[0]?.id ?? null);
  }, [list.own, vorId, importedYear, createdId]);
  const vor = useQuery(vorQuery(vorId));
  const [dialog, setDialog] = useState<{ eventId?: string; arbetssattId: string } | null>(null);
  const manage = can('risk.manage');
  const reload = () => void qc.invalidateQueries({ queryKey: ['risks'] });

  return (
    <Stack>
      <Title order={1}>{t('vor.title')}</Title>
      <SubNav />
      {!selected ? (
        <Alert color="orange">{t('needOrg')}</Alert>
      ) : (
        <>
          <Text>{t('vor.intro', { org: selected.name })}</Text>
          <Group align="flex-end">
            {list.own.length > 0 && (
              <NativeSelect
                label={t('vor.year')}
                value={vorId ?? ''}
                onChange={(e) => setVorId(e.currentTarget.value)}
                data={list.own.map((v) => ({ value: v.id, label: `${v.year} (${t(`vor.status.${v.status}`)})` }))}
              />
            )}
            {manage && <CreateVorButton org={selected} existing={list.own.map((v) => v.year)} defaultYear={thisYear()} onCreated={setCreatedId} />}
            {manage && vor.data && <NextYearButton vor={vor.data} onDone={setCreatedId} />}
            {manage && <VorImportButton org={selected} defaultYear={vor.data?.year ?? thisYear()} onImported={setImportedYear} />}
            <VorTemplateLink org={selected.slug} year={vor.data?.year ?? thisYear()} />
          </Group>
          {list.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
          {list.isSuccess && list.own.length === 0 && <Text>{t('vor.none')}</Text>}
          {vor.isError && (
            <Alert color="red" role="alert">
              {errorMessage(vor.error, i18n.language)}
            </Alert>
          )}
          {vor.data && <VorBody vor={vor.data} manage={manage} onOpen={setDialog} />}
          {vor.data && manage && <ProcessButtons vor={vor.data} />}
        </>
      )}
      {dialog && vor.data && (
        <EventDialog
          key={dialog.eventId ?? 'new'}
          vor={vor.data}
          event={findEvent(vor.data, dialog.eventId)}
          arbetssattId={dialog.arbetssattId}
          canEdit={manage}
          onClose={() => setDialog(null)}
          onChanged={reload}
        />
      )}
    </Stack>
  );
}

function findEvent(vor: Vor, id: string | undefined) {
  if (!id) return undefined;
  for (const p of vor.processes) for (const a of p.arbetssatt) for (const e of a.events) if (e.id === id) return e;
  return undefined;
}

function VorBody({ vor, manage, onOpen }: { vor: Vor; manage: boolean; onOpen: (d: { eventId?: string; arbetssattId: string }) => void }) {
  const { t } = useTranslation('risks');
  return (
    <Stack>
      <Group gap="sm">
        <Title order={2} size="h3">
          {t('vor.heading', { year: vor.year, org: vor.org.name })}
        </Title>
        <Badge color={vor.status === 'godkand' ? 'green.9' : 'gray.8'} variant={vor.status === 'godkand' ? 'filled' : 'outline'} tt="none">
          {t(`vor.status.${vor.status}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {t('vor.threshold', { threshold: vor.threshold })} · {t('vor.scale', { name: vor.scale.name, version: vor.scale.scaleVersion })}
      </Text>
      {vor.status === 'godkand' && <Alert color="blue">{t('vor.lockedText')}</Alert>}
      {vor.processes.map((p) => (
        <Stack key={p.id} gap="xs">
          <Title order={3} size="h4">
            {p.name}
            {p.mandatory && (
              <Badge ml="sm" color="gray.8" variant="outline" tt="none">
                {t('vor.mandatory')}
              </Badge>
            )}
          </Title>
          {p.arbetssatt.map((a) => (
            <ArbetssattTable key={a.id} a={a} vor={vor} manage={manage} onOpen={onOpen} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

function ArbetssattTable({ a, vor, manage, onOpen }: { a: VorArbetssatt; vor: Vor; manage: boolean; onOpen: (d: { eventId?: string; arbetssattId: string }) => void }) {
  const { t } = useTranslation('risks');
  const open = vor.status !== 'godkand';
  return (
    <section aria-labelledby={`as-${a.id}`}>
      <Group justify="space-between" mb={4}>
        <Title order={4} size="h5" id={`as-${a.id}`}>
          {a.name}
        </Title>
        {manage && open && (
          <Button size="compact-sm" variant="light" onClick={() => onOpen({ arbetssattId: a.id })} aria-label={t('event.addIn', { name: a.name })}>
            {t('event.add')}
          </Button>
        )}
      </Group>
      {a.events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('event.none')}
        </Text>
      ) : (
        <TableScroll minWidth={800} scrollAreaProps={{ type: 'auto' }}>
          <Table className="risk-table" striped aria-labelledby={`as-${a.id}`} horizontalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('event.field.title')}</Table.Th>
                <Table.Th>{t('event.field.sannolikhet')}</Table.Th>
                <Table.Th>{t('event.field.konsekvens')}</Table.Th>
                <Table.Th className="num">{t('event.riskvarde')}</Table.Th>
                <Table.Th>{t('event.field.proposal')}</Table.Th>
                <Table.Th>{t('event.field.decision')}</Table.Th>
                <Table.Th className="num">{t('event.field.actions')}</Table.Th>
                <Table.Th>{t('event.field.followUp')}</Table.Th>
                <Table.Th>{t('edit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    {e.title}
                    {e.carry && (
                      <Text size="xs">
                        <Badge color="violet.9" variant="outline" tt="none" mr={4}>
                          {t('carried')}
                        </Badge>
                        {e.carry.changed.length > 0 && t('event.changed', { fields: e.carry.changed.map((c) => t(`event.field.${c}`, { defaultValue: c })).join(', '), prev: e.carry.previous.riskvarde })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {e.sannolikhet} {e.sannolikhetLabel}
                  </Table.Td>
                  <Table.Td>
                    {e.konsekvens} {e.konsekvensLabel}
                  </Table.Td>
                  <Table.Td className="num">
                    <RiskValue value={e.riskvarde} band={e.band} />
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <IkpBadge proposed={e.ikpProposed} />
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <DecisionText decision={e.ikpDecision} />
                  </Table.Td>
                  {/* The Försenad badge may go below the count. */}
                  <Table.Td className="num" style={{ whiteSpace: 'normal' }}>
                    {e.actions.length}
                    {e.actions.some((x) => x.overdue) && (
                      <Badge ml={4} color="orange.9" variant="filled" tt="none">
                        {t('overdue')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td style={{ maxWidth: '22rem' }}>
                    <Text size="sm" lineClamp={3} className="risk-followup">
                      {e.followUp}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="default" onClick={() => onOpen({ eventId: e.id, arbetssattId: a.id })} aria-label={t(manage ? 'event.editOne' : 'event.showOne', { title: e.title })}>
                      {manage ? t('edit') : t('show')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}
