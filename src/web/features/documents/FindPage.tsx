import './documents.css';
import { useState } from 'react';
import { Alert, Anchor, Badge, Group, Loader, NativeSelect, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../components/problem';
import { day } from '../plans/shared';
import { DOC_TYPES, fileUrl, type Doc } from './types';
import { formatBytes } from '../../format';

/**
 * Hitta styrdokument: one search field for every employee; results appear while typing (debounced), each with
 * title, type, owner, next review and a download link. All documents that apply to the user are searched.
 */
export default function FindPage() {
  const { t, i18n } = useTranslation('documents');
  const [text, setText] = useState('');
  const [type, setType] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const result = useQuery({
    queryKey: ['documents', 'find', q, type],
    queryFn: () => api.get<Doc[]>('/documents', { q, type }),
    placeholderData: keepPreviousData,
  });
  const docs = result.data ?? [];

  return (
    <Stack maw={900}>
      <Title order={1}>{t('find.title')}</Title>
      <Text>{t('find.intro')}</Text>
      <form role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('find.title')}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="search"
            size="md"
            label={t('find.label')}
            placeholder={t('find.placeholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: '1 1 320px' }}
            autoFocus
            autoComplete="off"
            rightSection={result.isFetching ? <Loader size="xs" aria-hidden="true" /> : null}
          />
          <NativeSelect
            size="md"
            label={t('field.type')}
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
            data={[{ value: '', label: t('allTypes') }, ...DOC_TYPES.map((d) => ({ value: d, label: t(`type.${d}`) }))]}
            w={220}
          />
        </Group>
      </form>
      {result.error ? (
        <Alert color="red" role="alert">
          {errorMessage(result.error, i18n.language)}
        </Alert>
      ) : null}
      <Text size="sm" aria-live="polite" role="status">
        {result.isPending ? t('find.searching') : q ? t('find.hits', { count: docs.length, q }) : t('find.all', { count: docs.length })}
      </Text>
      <ul className="doc-results" aria-label={t('find.results')}>
        {docs.map((d) => (
          <li key={d.id} className="doc-result">
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <div>
                <Title order={2} size="h4">
                  {d.file ? (
                    <Anchor href={fileUrl(d)} download={d.file.name}>
                      {d.title}
                    </Anchor>
                  ) : (
                    d.title
                  )}
                </Title>
                <Group gap="xs" mt={4}>
                  <Badge variant="light" tt="none">
                    {t(`type.${d.type}`)}
                  </Badge>
                  {d.docVersion && <Text size="sm">{t('find.version', { v: d.docVersion })}</Text>}
                  <Text size="sm">{d.org.name}</Text>
                </Group>
              </div>
              {d.file ? (
                <Anchor href={fileUrl(d)} download={d.file.name} fw={600}>
                  {t('download')} <VisuallyHidden>{d.title}</VisuallyHidden> ({d.file.kind.toUpperCase()}, {formatBytes(d.file.size)})
                </Anchor>
              ) : (
                <Text size="sm">{t('noFile')}</Text>
              )}
            </Group>
            {d.description && (
              <Text size="sm" mt={6} lineClamp={3}>
                {d.description}
              </Text>
            )}
            <dl className="doc-meta">
              <div>
                <dt>{t('field.owner')}</dt>
                <dd>{d.owner || '–'}</dd>
              </div>
              <div>
                <dt>{t('field.nextReviewOn')}</dt>
                <dd>
                  {day(d.nextReviewOn) || '–'}
                  {d.reviewOverdue && (
                    <Badge color="red" variant="light" tt="none" ml={6}>
                      {t('overdue')}
                    </Badge>
                  )}
                </dd>
              </div>
              {d.adoptedOn && (
                <div>
                  <dt>{t('field.adoptedOn')}</dt>
                  <dd>{day(d.adoptedOn)}</dd>
                </div>
              )}
            </dl>
          </li>
        ))}
      </ul>
      {!result.isPending && docs.length === 0 && <Alert color="gray">{q ? t('find.none', { q }) : t('find.noneAtAll')}</Alert>}
    </Stack>
  );
}
