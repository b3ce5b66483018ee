import type { ReactNode } from 'react';
import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The filter row of an archivable register (the objektlista, the registerförteckning, the leverantörsregister): the
 * page's own filters, then "Visa" (active, archived or all), the "new" button for those who manage it, and the status
 * region that says what was saved. Words from `ns`: filters, filter.archived, filter.active, filter.archivedOnly,
 * `allKey` and new.
 */
export function RegisterFilters({ ns, archived, onArchived, allKey, onNew, message, children }: {
  ns: string;
  archived: string;
  onArchived: (e: { currentTarget: { value: string } }) => void;
  /** The words of "all" (e.g. filter.allObjects). */
  allKey: string;
  /** Omitted for those who may not add. */
  onNew?: () => void;
  message: string;
  children: ReactNode;
}) {
  const { t } = useTranslation(ns);
  return (
    <>
      <Group align="flex-end" wrap="wrap" role="group" aria-label={t('filters')}>
        {children}
        <NativeSelect label={t('filter.archived')} value={archived} onChange={onArchived} w={150}
          data={[{ value: '', label: t('filter.active') }, { value: 'true', label: t('filter.archivedOnly') }, { value: 'all', label: t(allKey) }]} />
        {onNew && <Button onClick={onNew}>{t('new')}</Button>}
      </Group>
      <Text size="sm" role="status" aria-live="polite">{message}</Text>
    </>
  );
}
