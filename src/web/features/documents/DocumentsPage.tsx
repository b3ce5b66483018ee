import './documents.css';
import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, NativeSelect, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import type { RegisterColumn } from '../../components/Register';
import { RegisterPage } from '../../components/RegisterPage';
import { useSelectedOrg } from '../../shell/org-context';
import { day, NeedOrg } from '../plans/shared';
import { DocumentModal } from './DocumentModal';
import { DOC_TYPES, fileUrl, type Doc } from './types';
import { useSearchFlag } from '../../shell/search';
import { formatBytes } from '../../format';

export function ReviewDate({ doc }: { doc: Doc }) {
  const { t } = useTranslation('documents');
  return (
    <span className="nowrap">
      {day(doc.nextReviewOn)}{' '}
      {doc.reviewOverdue && (
        <Badge color="red" variant="light" tt="none">
          {t('overdue')}
        </Badge>
      )}
    </span>
  );
}

export function FileLink({ doc }: { doc: Doc }) {
  const { t } = useTranslation('documents');
  if (!doc.file) return <Text size="sm">{t('noFile')}</Text>;
  return (
    <Anchor href={fileUrl(doc)} download={doc.file.name}>
      {t('download')} <VisuallyHidden>{doc.title}</VisuallyHidden> ({doc.file.kind.toUpperCase()}, {formatBytes(doc.file.size)})
    </Anchor>
  );
}

/** Styrdokument: the register of the selected organisation's governing documents (and those that apply to it). */
export default function DocumentsPage() {
  const { t } = useTranslation('documents');
  const { can } = useSession();
  const { selected } = useSelectedOrg();
  const manage = can('document.manage');
  const [type, setType] = useState('');
  // From the start page's "passed their review date" link (?overdue=true) the list starts filtered.
  const [overdue, setOverdue] = useState(useSearchFlag('overdue'));
  const [editing, setEditing] = useState<Doc | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['documents', 'register', selected?.slug, type, overdue],
    queryFn: () => api.get<Doc[]>('/documents', { org: selected!.slug, type, overdue: overdue ? 'true' : undefined }),
    enabled: !!selected,
  });

  if (!selected) return <NeedOrg title={t('title')} />;

  const columns: RegisterColumn<Doc>[] = [
    { key: 'title', header: t('field.title'), value: (d) => d.title },
    { key: 'type', header: t('field.type'), value: (d) => t(`type.${d.type}`) },
    { key: 'owner', header: t('field.owner'), value: (d) => d.owner },
    { key: 'docVersion', header: t('field.docVersion'), value: (d) => d.docVersion },
    { key: 'adoptedOn', header: t('field.adoptedOn'), value: (d) => day(d.adoptedOn), render: (d) => <span className="nowrap">{day(d.adoptedOn)}</span> },
    { key: 'decisionRef', header: t('field.decisionRef'), value: (d) => d.decisionRef, hidden: true },
    { key: 'nextReviewOn', header: t('field.nextReviewOn'), value: (d) => day(d.nextReviewOn), render: (d) => <ReviewDate doc={d} /> },
    { key: 'file', header: t('field.file'), value: (d) => d.file?.name ?? '', render: (d) => <FileLink doc={d} />, sortable: false },
    { key: 'org', header: t('field.org'), value: (d) => d.org.name },
    { key: 'description', header: t('field.description'), value: (d) => d.description, hidden: true },
  ];

  return (
    <RegisterPage<Doc>
      ns="documents" org={selected} exportPrefix="styrdokument"
      columns={columns}
      rowKey={(d) => d.id}
      data={list.data}
      loading={list.isPending}
      error={list.error}
      toolbar={
        <>
          <NativeSelect
            label={t('field.type')}
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
            data={[{ value: '', label: t('allTypes') }, ...DOC_TYPES.map((d) => ({ value: d, label: t(`type.${d}`) }))]}
            w={220}
          />
          <Checkbox label={t('onlyOverdue')} checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} mb={8} />
          {manage && <Button onClick={() => setEditing('new')}>{t('new')}</Button>}
        </>
      }
      actions={
        manage
          ? (d) => (
              <Button size="xs" variant="default" onClick={() => setEditing(d)} aria-label={t('editOne', { title: d.title })}>
                {t('edit')}
              </Button>
            )
          : undefined
      }
    >
      {editing && <DocumentModal org={selected} doc={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </RegisterPage>
  );
}
