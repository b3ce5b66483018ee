import './reports.css';
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Card, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../components/problem';
import { actorText, formatDateTime } from '../../format';
import { useReport, useVersions } from './api';
import type { CompareResult } from './types';
import { Downloads, StatusBadge } from './Workflow';

const show = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The approved, frozen versions of a report, their files, and two versions side by side (figures and text). */
export default function VersionsPage() {
  const { t, i18n } = useTranslation('reports');
  const { id } = useParams({ strict: false }) as { id: string };
  const report = useReport(id);
  const versions = useVersions(id);
  const [a, setA] = useState<string>('');
  const [b, setB] = useState<string>('current');
  const [pair, setPair] = useState<[string, string] | null>(null);
  const cmp = useQuery({
    queryKey: ['reports', 'compare', id, pair],
    queryFn: () => api.get<CompareResult>(`/reports/${id}/compare`, { a: pair![0], b: pair![1] }),
    enabled: !!pair,
  });
  if (report.isPending) return <Loader aria-label={t('common:loading')} />;
  if (report.isError) {
    return (
      <Stack>
        <Title order={1}>{t('versions.title')}</Title>
        <Alert color="red" role="alert">{errorMessage(report.error, i18n.language, t('versions.missing'))}</Alert>
        <Anchor component={Link} to="/rapport" size="sm">{t('versions.back')}</Anchor>
      </Stack>
    );
  }
  const r = report.data;
  const list = versions.data ?? [];
  const first = a || (list.length ? String(list[list.length - 1].revision) : '');
  const options = list.map((v) => ({ value: String(v.revision), label: t('versions.approvedRevision', { n: v.revision }) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (first) setPair([first, b]);
  };

  return (
    <Stack>
      <Anchor component={Link} to="/rapport" size="sm">{t('versions.back')}</Anchor>
      <Title order={1}>{t('versions.heading', { org: r.org.name, year: r.year })}</Title>
      <Group><StatusBadge report={r} /></Group>
      <Card withBorder component="section" aria-labelledby="versions-list">
        <Title order={2} size="h3" id="versions-list" mb="xs">{t('versions.title')}</Title>
        {versions.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
        {versions.isError && <Alert color="red" role="alert">{errorMessage(versions.error, i18n.language)}</Alert>}
        {versions.data && list.length === 0 && <Text size="sm" c="dimmed">{t('versions.none')}</Text>}
        {list.length > 0 && (
          <TableScroll minWidth={600}>
            <Table>
              <Table.Caption>{t('versions.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('versions.revision')}</Table.Th>
                  <Table.Th scope="col">{t('versions.approvedBy')}</Table.Th>
                  <Table.Th scope="col">{t('versions.approvedAt')}</Table.Th>
                  <Table.Th scope="col">{t('versions.sha')}</Table.Th>
                  <Table.Th scope="col">{t('versions.files')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>{v.revision}</Table.Td>
                    <Table.Td>{actorText(v.approvedBy, t)}</Table.Td>
                    <Table.Td>{formatDateTime(v.approvedAt)}</Table.Td>
                    <Table.Td><code title={v.docxSha256}>{v.docxSha256.slice(0, 12)}…</code></Table.Td>
                    <Table.Td><Downloads path={`/reports/${id}/versions/${v.revision}/file`} label={t('versions.filesOf', { n: v.revision })} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="compare-title">
        <Title order={2} size="h3" id="compare-title" mb="xs">{t('compare.title')}</Title>
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">{t('compare.needVersion')}</Text>
        ) : (
          <form onSubmit={submit}>
            <Group align="flex-end">
              <NativeSelect label={t('compare.a')} value={first} onChange={(e) => setA(e.currentTarget.value)} data={options} />
              <NativeSelect label={t('compare.b')} value={b} onChange={(e) => setB(e.currentTarget.value)} data={[{ value: 'current', label: t('compare.current') }, ...options]} />
              <Button type="submit" loading={cmp.isFetching}>{t('compare.run')}</Button>
            </Group>
          </form>
        )}
        {cmp.isError && <Alert color="red" role="alert" mt="sm">{errorMessage(cmp.error, i18n.language)}</Alert>}
        {cmp.data && <CompareView data={cmp.data} />}
      </Card>
    </Stack>
  );
}

function CompareView({ data }: { data: CompareResult }) {
  const { t } = useTranslation('reports');
  const changed = data.sections.filter((s) => s.changed);
  return (
    <Stack mt="md">
      <Title order={3} size="h4">{t('compare.figures')}</Title>
      {data.figures.length === 0 ? (
        <Text size="sm">{t('compare.noFigures')}</Text>
      ) : (
        <TableScroll minWidth={500}>
          <Table striped>
            <Table.Caption>{t('compare.figuresCaption', { a: data.a.label, b: data.b.label })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('compare.path')}</Table.Th>
                <Table.Th scope="col">{data.a.label}</Table.Th>
                <Table.Th scope="col">{data.b.label}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.figures.slice(0, 500).map((f) => (
                <Table.Tr key={f.path}>
                  <Table.Th scope="row"><code>{f.path}</code></Table.Th>
                  <Table.Td>{show(f.a)}</Table.Td>
                  <Table.Td>{show(f.b)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Title order={3} size="h4">{t('compare.text')}</Title>
      {changed.length === 0 && <Text size="sm">{t('compare.noText')}</Text>}
      {changed.map((s) => (
        <section key={s.id} className="diff-section" aria-label={s.titleB ?? s.titleA ?? s.id}>
          <Text fw={600}>{`${s.numberB ?? s.numberA ?? ''} ${s.titleB ?? s.titleA ?? s.id}`.trim()}{s.titleA && s.titleB && s.titleA !== s.titleB ? ` (${t('compare.renamed', { from: s.titleA })})` : ''}</Text>
          <div className="diff-grid">
            <div>
              <Text size="xs" fw={600}>{data.a.label}</Text>
              {s.diff.filter((d) => d.op !== '+').map((d, i) => (d.op === '-' ? <del key={i} className="diff-line">{d.text || ' '}</del> : <p key={i} className="diff-line">{d.text || ' '}</p>))}
            </div>
            <div>
              <Text size="xs" fw={600}>{data.b.label}</Text>
              {s.diff.filter((d) => d.op !== '-').map((d, i) => (d.op === '+' ? <ins key={i} className="diff-line">{d.text || ' '}</ins> : <p key={i} className="diff-line">{d.text || ' '}</p>))}
            </div>
          </div>
        </section>
      ))}
    </Stack>
  );
}
