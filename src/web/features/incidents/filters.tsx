import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SEARCH_MAX } from '../../../domains/incidents/model';
import { useSearchValues, useSetSearch } from '../../shell/search';
import { KIND_KEY, KINDS, STATUS_KEY, STATUSES } from './types';

export interface ListFilter {
  status: string;
  kind: string;
  category: string;
  year: string;
  personalData: string;
  overdue: boolean;
  q: string;
}
export const EMPTY_FILTER: ListFilter = { status: '', kind: '', category: '', year: '', personalData: '', overdue: false, q: '' };
export const OPEN = STATUSES.filter((s) => s !== 'Klar').join(',');

/** The server query of a filter (empty values are left out by apiUrl). */
export const filterQuery = (f: ListFilter) => ({
  status: f.status,
  kind: f.kind,
  category: f.category,
  year: f.year,
  personalData: f.personalData,
  overdue: f.overdue ? 'true' : '',
  q: f.q.trim(),
});

/**
 * The list's filter as the address holds it (?status=…&year=…, the API's own names), so Back from an incident, a
 * bookmark or a shared link shows the same list; `apply` puts a new one there (replacing the entry, not adding one).
 * A value the list cannot take (an unknown status, a malformed year) is left out.
 */
export function useUrlFilter(): [ListFilter, (f: ListFilter) => void] {
  const search = useSearchValues();
  const setSearch = useSetSearch();
  // Every value as text (a page may have put a number there).
  const text = (k: keyof ListFilter) => (search[k] === undefined || search[k] === null ? '' : String(search[k]));
  const status = text('status');
  const filter: ListFilter = {
    status: status && status.split(',').every((x) => (STATUSES as readonly string[]).includes(x)) ? status : '',
    kind: text('kind'),
    category: text('category'),
    year: /^\d{4}$/.test(text('year')) ? text('year') : '',
    personalData: text('personalData'),
    overdue: text('overdue') === 'true',
    q: text('q'),
  };
  return [filter, (f) => setSearch(filterQuery(f))];
}

/**
 * The list's server-side filters; applied on submit. The form shows the filter the list uses: when the address changes
 * (the menu's "Incidenter" opens /incidenter, Back, a link from the start page) the form follows it, and what was chosen
 * or typed but not applied gives way to it (it would not have been what the list shows).
 */
/** The list's filter form; `years` the year filter's choices (useIncidentYears: the years with incidents). */
export function FilterForm({ value, onApply, categories, years: known }: { value: ListFilter; onApply: (f: ListFilter) => void; categories: string[]; years: string[] }) {
  const { t } = useTranslation('incidents');
  const [draft, setDraft] = useState<ListFilter>(value);
  // The filter the draft was last taken from: a new one (by content; `value` is a new object at every render) replaces
  // the draft, during render as React advises for state that follows a prop (no effect, no frame with the old form).
  const applied = JSON.stringify(value);
  const [from, setFrom] = useState(applied);
  if (from !== applied) {
    setFrom(applied);
    setDraft(value);
  }
  const set = (k: keyof ListFilter) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setDraft((d) => ({ ...d, [k]: v }));
  };
  // The year the draft holds (from the address, say ?year=2012) is always a choice, never shown blank.
  const years = draft.year && !known.includes(draft.year) ? [...known, draft.year].sort((a, b) => Number(b) - Number(a)) : known;
  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(draft);
  }
  return (
    <form onSubmit={submit} aria-label={t('list.filters')}>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput label={t('list.search')} placeholder={t('list.searchPlaceholder')} value={draft.q} onChange={set('q')} maxLength={SEARCH_MAX} w={240} />
        <NativeSelect
          label={t('field.status')}
          value={draft.status}
          onChange={set('status')}
          w={190}
          data={[
            { value: '', label: t('list.all') },
            { value: OPEN, label: t('list.allOpen') },
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${STATUS_KEY[s]}`) })),
          ]}
        />
        <NativeSelect
          label={t('field.kind')}
          value={draft.kind}
          onChange={set('kind')}
          w={190}
          data={[{ value: '', label: t('list.all') }, ...KINDS.map((k) => ({ value: k, label: t(`kind.${KIND_KEY[k]}`) }))]}
        />
        <NativeSelect
          label={t('field.category')}
          value={draft.category}
          onChange={set('category')}
          w={190}
          data={[{ value: '', label: t('list.all') }, ...categories.map((c) => ({ value: c, label: c }))]}
        />
        <NativeSelect label={t('list.year')} value={draft.year} onChange={set('year')} w={100} data={[{ value: '', label: t('list.all') }, ...years]} />
        <NativeSelect
          label={t('field.personalData')}
          value={draft.personalData}
          onChange={set('personalData')}
          w={170}
          data={[
            { value: '', label: t('list.all') },
            { value: 'breach', label: t('list.breach') },
            { value: 'ja', label: t('pd.ja') },
            { value: 'nej', label: t('pd.nej') },
            { value: 'vet_ej', label: t('pd.vet_ej') },
          ]}
        />
        <Checkbox
          label={t('list.overdueOnly')}
          checked={draft.overdue}
          onChange={(e) => {
            const v = e.currentTarget.checked;
            setDraft((d) => ({ ...d, overdue: v }));
          }}
          mb={8}
        />
        <Button type="submit">{t('list.apply')}</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft(EMPTY_FILTER);
            onApply(EMPTY_FILTER);
          }}
        >
          {t('list.clear')}
        </Button>
      </Group>
    </form>
  );
}
