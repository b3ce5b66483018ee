import { useState } from 'react';
import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { statusBadge } from '../../components/statusBadge';
import { useFocusLater } from '../../components/useFocusLater';
import { useSelectedOrg } from '../../shell/org-context';
import { useSearchFlag, useYearInAddress } from '../../shell/search';
import { NeedOrg, thisYear, yearChoices } from '../plans/shared';
import { controlsQuery, risksQuery, type ControlFilter, type ControlPeriod, type IkpRisk, type InternalControl, type ResultKind } from './api';
import { ControlDialog } from './ControlDialog';
import { ResultDialog } from './ResultDialog';
import { ArchivedBadge } from '../../components/ArchivedBadge';

const ResultBadge = statusBadge<ResultKind>('internalControl', { utan_avvikelse: 'green', avvikelse: 'orange', vasentlig_avvikelse: 'red', ej_genomford: 'gray' });

type RiskInfo = Pick<IkpRisk, 'id' | 'title' | 'arbetssatt' | 'riskvarde' | 'ikpDecision'> & { org?: { slug: string; name: string } };
interface Group { key: string; risk: RiskInfo | null; controls: InternalControl[] }

/** A control's name: its title, else what it checks. */
export const controlName = (c: InternalControl) => (c.title.trim() || c.control).replace(/\.\s*$/, '');
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const editId = (id: string) => `ic-edit-${id}`;
const resultId = (id: string, period: string) => `ic-result-${id}-${period}`;

/** Controls under their IKP risk (highest riskvärde first, risks without controls too), then the förvaltning's own controls. */
function groups(risks: IkpRisk[], controls: InternalControl[], filtered: boolean): Group[] {
  const out = new Map<string, Group>(risks.map((r) => [r.id, { key: r.id, risk: r, controls: [] }]));
  const own: Group = { key: 'own', risk: null, controls: [] };
  for (const c of controls) {
    if (!c.risk) own.controls.push(c);
    else {
      if (!out.has(c.risk.id)) out.set(c.risk.id, { key: c.risk.id, risk: c.risk, controls: [] });
      out.get(c.risk.id)!.controls.push(c);
    }
  }
  const list = [...out.values()].sort((a, b) => b.risk!.riskvarde - a.risk!.riskvarde);
  if (own.controls.length) list.push(own);
  // Filtered, a risk shows only when one of its controls matches.
  return filtered ? list.filter((g) => g.controls.length) : list;
}

/** Internkontroll: the year's IKP risks with their kontrollmoment, and per control a row per planned period with its result. */
export default function InternalControlPage() {
  const { t } = useTranslation('internalControl');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const focusLater = useFocusLater();
  const manage = can('risk.manage');
  // From the start page (?year=2026&missing=true or &deviations=true) the page opens that year, filtered; the year
  // chosen stays in the address, so a reload shows it again.
  const [year, setYear] = useYearInAddress('year', thisYear());
  const deviationsLink = useSearchFlag('deviations');
  const missingLink = useSearchFlag('missing');
  const [show, setShow] = useState<string>(deviationsLink ? 'deviations' : missingLink ? 'missing' : '');
  const [archived, setArchived] = useState('');
  const [saved, setSaved] = useState('');
  const [editing, setEditing] = useState<{ control?: InternalControl; riskId?: string | null } | null>(null);
  const [reporting, setReporting] = useState<{ control: InternalControl; period: ControlPeriod } | null>(null);
  const filter: ControlFilter = { deviations: show === 'deviations' ? 'true' : '', missing: show === 'missing' ? 'true' : '', archived };
  const controls = useQuery(controlsQuery(selected?.slug ?? null, year, filter));
  const risks = useQuery(risksQuery(selected?.slug ?? null, year));

  if (!selected) return <NeedOrg title={t('title')} />;
  const list = controls.data && risks.data ? groups(archived === 'true' ? [] : risks.data, controls.data, show !== '' || archived === 'true') : null;

  const onControlSaved = (c: InternalControl, message: string) => {
    setEditing(null);
    setSaved(message);
    focusLater(() => document.getElementById(editId(c.id)) ?? document.getElementById('ic-new'));
  };
  const onResultSaved = (c: InternalControl, message: string, period: string) => {
    setReporting(null);
    setSaved(message);
    focusLater(() => document.getElementById(resultId(c.id, period)));
  };

  const riskLine = (r: RiskInfo) => [
    t('risk.arbetssatt', { name: r.arbetssatt }), t('risk.riskvarde', { value: r.riskvarde }), t(r.ikpDecision === true ? 'risk.decided' : r.ikpDecision === false ? 'risk.decidedOut' : 'risk.proposed'),
    ...(r.org && r.org.slug !== selected.slug ? [r.org.name] : []),
  ].join(' · ');

  const periodRow = (c: InternalControl, p: ControlPeriod) => (
    <Table.Tr key={p.period}>
      <Table.Th scope="row" fw="normal" style={NOWRAP}>{t(`period.${p.period}`)}</Table.Th>
      <Table.Td style={NOWRAP}>{p.start} – {p.end}</Table.Td>
      <Table.Td style={NOWRAP}>
        {p.result ? <ResultBadge status={p.result.result} /> : (
          <Badge color={p.ended ? 'red' : 'gray'} variant={p.ended ? 'light' : 'outline'} tt="none">{t(p.ended ? 'result.missing' : 'result.notReported')}</Badge>
        )}
      </Table.Td>
      <Table.Td style={NOWRAP}>{p.result?.performedOn ?? ''}</Table.Td>
      <Table.Td>
        {p.result?.reason && <Text size="sm">{t('result.reasonShort', { reason: p.result.reason })}</Text>}
        {p.result?.comment && <Text size="sm">{p.result.comment}</Text>}
        {p.result?.measures && <Text size="sm" c="dimmed">{t('result.measuresShort', { measures: p.result.measures })}</Text>}
      </Table.Td>
      {manage && (
        <Table.Td>
          {!c.archived && (
            <Button id={resultId(c.id, p.period)} size="xs" variant={p.result ? 'default' : 'light'} onClick={() => setReporting({ control: c, period: p })}
              aria-label={t(p.result ? 'result.editLabel' : 'result.reportLabel', { period: t(`period.${p.period}`), name: controlName(c) })}>
              {t(p.result ? 'result.edit' : 'result.report')}
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );

  const controlCard = (c: InternalControl) => (
    <Card key={c.id} withBorder component="article" aria-labelledby={`ic-title-${c.id}`}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h5" id={`ic-title-${c.id}`}>
            {controlName(c)} <ArchivedBadge show={c.archived} label={t('archivedBadge')} />
          </Title>
          {manage && (
            <Button id={editId(c.id)} size="xs" variant="subtle" onClick={() => setEditing({ control: c })} aria-label={t('control.editLabel', { name: controlName(c) })}>
              {t('control.edit')}
            </Button>
          )}
        </Group>
        {c.title.trim() && <Text size="sm">{c.control}</Text>}
        <Text size="sm" c="dimmed">
          {[c.method && t('control.method', { method: c.method }), t('control.frequency', { frequency: t(`frequency.${c.frequency}`) }), c.responsible && t('control.responsible', { name: c.responsible }),
            c.org.slug !== selected.slug ? c.org.name : ''].filter(Boolean).join(' · ')}
        </Text>
        <TableScroll minWidth={700}>
          <Table striped>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}><VisuallyHidden>{t('period.caption', { name: controlName(c), year })}</VisuallyHidden></Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('column.period')}</Table.Th>
                <Table.Th scope="col">{t('column.dates')}</Table.Th>
                <Table.Th scope="col" miw={190}>{t('column.result')}</Table.Th>
                <Table.Th scope="col">{t('column.performedOn')}</Table.Th>
                <Table.Th scope="col">{t('column.comment')}</Table.Th>
                {manage && <Table.Th scope="col"><VisuallyHidden>{t('actions')}</VisuallyHidden></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{c.periods.map((p) => periodRow(c, p))}</Table.Tbody>
          </Table>
        </TableScroll>
      </Stack>
    </Card>
  );

  return (
    <Stack>
      <PageHeader title={t('title')} intro={t('intro', { org: selected.name })}>
        <NativeSelect label={t('year')} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} data={yearChoices([year], 3, 1).map(String)} w={120} />
      </PageHeader>
      <Group align="flex-end">
        <NativeSelect label={t('filter.show')} value={show} onChange={(e) => setShow(e.currentTarget.value)} w={240}
          data={[{ value: '', label: t('filter.all') }, { value: 'deviations', label: t('filter.deviations') }, { value: 'missing', label: t('filter.missing') }]} />
        <NativeSelect label={t('filter.archived')} value={archived} onChange={(e) => setArchived(e.currentTarget.value)} w={180}
          data={[{ value: '', label: t('filter.active') }, { value: 'true', label: t('filter.archivedOnly') }, { value: 'all', label: t('filter.allControls') }]} />
        {manage && <Button id="ic-new" onClick={() => setEditing({ riskId: null })}>{t('control.new')}</Button>}
      </Group>
      <Text size="sm" role="status" aria-live="polite">{saved}</Text>
      <ProblemAlert error={controls.error ?? risks.error} />
      {list && list.length === 0 && <Text>{t(show || archived === 'true' ? 'emptyFiltered' : 'empty', { year })}</Text>}
      {list?.map((g) => (
        <Card key={g.key} withBorder component="section" aria-labelledby={`ic-group-${g.key}`}>
          <Stack gap="sm">
            <div>
              <Title order={2} size="h4" id={`ic-group-${g.key}`}>{g.risk ? g.risk.title : t('own.title')}</Title>
              <Text size="sm" c="dimmed">{g.risk ? riskLine(g.risk) : t('own.intro')}</Text>
            </div>
            {g.controls.length === 0 && <Text size="sm">{t('risk.noControls')}</Text>}
            {g.controls.map(controlCard)}
            {manage && g.risk && archived !== 'true' && (
              <Group>
                <Button variant="default" size="xs" onClick={() => setEditing({ riskId: g.risk!.id })} aria-label={t('control.newForLabel', { risk: g.risk.title })}>
                  {t('control.newFor')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      ))}
      {editing && (
        <ControlDialog org={selected} year={year} risks={risks.data ?? []} control={editing.control} riskId={editing.riskId}
          onClose={() => setEditing(null)} onSaved={onControlSaved} />
      )}
      {reporting && (
        <ResultDialog control={reporting.control} period={reporting.period} name={controlName(reporting.control)}
          onClose={() => setReporting(null)} onSaved={(c, m) => onResultSaved(c, m, reporting.period.period)} />
      )}
    </Stack>
  );
}
