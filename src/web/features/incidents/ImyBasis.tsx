import { useState } from 'react';
import { Alert, Button, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../components/problem';
import { formatDateTime } from '../../format';
import type { ImyBasis } from '../../../domains/incidents/contract';

/**
 * The controller's row: the nämnd (with the organisationsnummer when recorded), then on a second line the förvaltning
 * and the unit; without a recorded nämnd, the förvaltning (unit) as before, with the number when one is recorded.
 */
function controllerText(o: ImyBasis['organisation'], t: (key: string, opts?: Record<string, unknown>) => string): string {
  const number = o.orgNumber ? ` (${t('breach.imy.orgNumber', { number: o.orgNumber })})` : '';
  if (!o.controller) return (o.register === o.name ? o.name : `${o.register} (${o.name})`) + number;
  return `${o.controller}${number}\n${o.register === o.name ? o.name : `${o.register}, ${o.name}`}`;
}

/**
 * Underlag för anmälan till IMY: art. 33.3's content in the order of IMY's e-service form, one row per question with
 * a "Kopiera" button, and "Skriv ut" (the print style shows this section alone). Fetching it is audited as an export.
 */
export function ImyBasisSection({ incidentId, documented, lang }: { incidentId: string; documented: boolean; lang: string }) {
  const { t } = useTranslation('incidents');
  const query = useQuery({ queryKey: ['incidents', 'imy-basis', incidentId], queryFn: () => api.get<ImyBasis>(`/incidents/${incidentId}/breach/imy-basis`), staleTime: 0 });
  const [copied, setCopied] = useState('');
  if (query.isPending) return <Center p="md"><Loader aria-label={t('common:loading')} /></Center>;
  if (query.isError) return <Alert color="red" role="alert">{errorMessage(query.error, lang)}</Alert>;
  const b = query.data;
  const en = lang.startsWith('en');
  const word = (l: { sv: string; en: string }) => (en ? l.en : l.sv);
  const hidden = (v: string | null) => (v === null ? t('breach.imy.protected') : v);
  const amount = (n: number | null, unknown: boolean, key: 'registers' | 'records') => (unknown ? t('breach.imy.unknownCount') : n === null ? '' : t(`breach.imy.${key}`, { count: n }));
  const list = (items: { sv: string; en: string }[], other: string | null) => [...items.map(word), other ?? ''].filter(Boolean).join(', ');
  const rows: [key: string, label: string, value: string, note?: string][] = [
    // Without a nämnd recorded on the incident's organisation or above, a hint where to record it (not copied or printed).
    ['organisation', t('breach.imy.organisation'), controllerText(b.organisation, t), b.organisation.controller ? undefined : t('breach.imy.noController')],
    ['contact', t('breach.imy.contact'), b.contact ? `${b.contact.name}, ${b.contact.email}` : t('breach.imy.noContact')],
    ['occurredAt', t('breach.imy.occurredAt'), formatDateTime(b.occurredAt)],
    ['discoveredAt', t('breach.imy.discoveredAt'), formatDateTime(b.discoveredAt)],
    ['imyReportedAt', t('breach.imy.imyReportedAt'), formatDateTime(b.imyReportedAt) + (b.imyReference ? ` (${b.imyReference})` : '')],
    ['description', t('breach.imy.description'), hidden(b.description)],
    ['types', t('breach.imy.types'), b.breachTypes.map(word).join(', ')],
    ['cause', t('breach.imy.cause'), b.cause ? word(b.cause) : ''],
    ['subjects', t('breach.imy.subjects'), [list(b.subjectCategories, b.subjectCategoriesOther), amount(b.subjectCount, b.subjectCountUnknown, 'registers')].filter(Boolean).join('; ')],
    ['data', t('breach.imy.data'), [
      b.dataCategories.map((d) => word(d) + (d.special ? ` (${t('breach.special')})` : '')).concat(b.dataCategoriesOther ? [b.dataCategoriesOther] : []).join(', '),
      amount(b.recordCount, b.recordCountUnknown, 'records'),
    ].filter(Boolean).join('; ')],
    ['likelyConsequences', t('breach.imy.likelyConsequences'), hidden(b.likelyConsequences)],
    ['risk', t('breach.imy.risk'), b.riskAssessment ? t(`risk.${b.riskAssessment}`) : t('notAssessed')],
    ['measures', t('breach.imy.measures'), [hidden(b.measuresTaken), ...b.actions.map((a) => `– ${a.title ?? t('breach.imy.protected')} (${t(`actionStatus.${a.status}`, { defaultValue: a.status })}${a.dueDate ? `, ${a.dueDate}` : ''})`)].filter(Boolean).join('\n')],
    ['informed', t('breach.imy.informed'), b.subjectsInformedAt ? t('breach.imy.informedAt', { at: formatDateTime(b.subjectsInformedAt) })
      : [t('breach.imy.notInformed'), b.notInforming?.reason ? word(b.notInforming.reason) : '', b.notInforming?.text === null ? t('breach.imy.protected') : (b.notInforming?.text ?? '')].filter(Boolean).join(' – ')],
    ['delay', t('breach.imy.delay'), b.lateNotification ? hidden(b.delayReason) : t('breach.imy.notLate')],
  ];
  async function copy(label: string, value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(t('breach.imy.copied', { field: label }));
    } catch {
      setCopied(t('breach.imy.copyFailed'));
    }
  }
  return (
    <section id="imy-basis" className="print-area" aria-labelledby="imy-basis-title">
      <Stack gap="xs" mt="md">
        <Group justify="space-between">
          <Title order={3} size="h4" id="imy-basis-title">{t('breach.imy.title')} – {b.incident.number}</Title>
          <Button variant="default" className="no-print" onClick={() => window.print()}>{t('breach.imy.print')}</Button>
        </Group>
        <Text size="sm">{t('breach.imy.intro')}</Text>
        {!documented && <Alert color="orange" role="note">{t('breach.imy.notDocumentedWarning')}</Alert>}
        <Text size="sm" role="status" className="no-print">{copied}</Text>
        <Table withTableBorder layout="fixed">
          <Table.Tbody>
            {rows.map(([key, label, value, note], i) => (
              <Table.Tr key={key}>
                <Table.Th scope="row" w="32%" style={{ verticalAlign: 'top' }}>{i + 1}. {label}</Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap', verticalAlign: 'top' }} className="wrap-anywhere">
                  {value || '–'}
                  {note && <Text size="sm" c="dimmed" mt={4} className="no-print">{note}</Text>}
                </Table.Td>
                <Table.Td w={110} className="no-print" style={{ verticalAlign: 'top' }}>
                  <Button size="xs" variant="subtle" disabled={!value} aria-label={t('breach.imy.copyField', { field: label })} onClick={() => void copy(label, value)}>
                    {t('breach.imy.copy')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </section>
  );
}
