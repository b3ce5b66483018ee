import { Checkbox, Fieldset, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import type { DigitalObject } from './api';

/** An object as a record linked to it shows it. */
interface Linked { id: string; name: string; archived: boolean }

/** The organisation's objects the person may read, to choose the systems a record uses or delivers. */
const objectChoicesQuery = (org: string, enabled: boolean) => ({
  queryKey: ['objects', org, 'choices'] as const,
  queryFn: () => api.get<DigitalObject[]>('/objects', { org }),
  enabled,
});

/**
 * The systems of a register's record (a behandling's, a supplier's): the organisation's objects of the objektlista as
 * checkboxes in a fieldset. Linked objects outside the organisation's list (another förvaltning's, archived) stay
 * chosen and are shown too. Words from `ns`: form.systems, form.systemsHelp ({{org}}), form.archivedObject ({{name}}),
 * form.noSystems.
 */
export function SystemsPicker({ ns, org, linked, value, onChange, error }: {
  ns: string;
  org: { slug: string; name: string };
  /** The record's linked objects as saved. */
  linked: Linked[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation(ns);
  const { can } = useSession();
  const choices = useQuery(objectChoicesQuery(org.slug, can('object.read'))).data ?? [];
  const extra = linked.filter((o) => !choices.some((c) => c.id === o.id));
  return (
    <Fieldset legend={t('form.systems')}>
      <Text size="sm" c="dimmed" mb="xs">{t('form.systemsHelp', { org: org.name })}</Text>
      <Checkbox.Group value={value} error={error} onChange={onChange}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6}>
          {[...choices.filter((o) => !o.archived || value.includes(o.id)), ...extra].map((o) => (
            <Checkbox key={o.id} value={o.id} label={o.archived ? t('form.archivedObject', { name: o.name }) : o.name} />
          ))}
        </SimpleGrid>
        {choices.length === 0 && extra.length === 0 && <Text size="sm" c="dimmed">{t('form.noSystems')}</Text>}
      </Checkbox.Group>
    </Fieldset>
  );
}
