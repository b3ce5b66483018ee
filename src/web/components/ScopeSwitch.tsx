import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../shell/narrow';
import { useSelectedOrg } from '../shell/org-context';
import { searchChoice, useSearchValues, useSetSearch } from '../shell/search';

/**
 * Whether a list shows the selected organisation's subtree or every organisation the person may read (`?alla=1`, as
 * the start page's warnings count them). One who reads several separate trees (a DSO shared by förvaltningar in a
 * samverkansgrupp) sees them all unless they choose one (`?alla=0`): the first in the header's list alone could
 * show "no deadlines" beside a start page warning of one about to run out. Lists with such a warning use it: the
 * incidents, their deadlines, the risk actions.
 */
export function useOrgScope(): { all: boolean; severalTrees: boolean; setAll: (all: boolean) => void } {
  const { orgs } = useSelectedOrg();
  const chosen = searchChoice(useSearchValues().alla);
  const setSearch = useSetSearch();
  const ids = new Set(orgs.map((o) => o.id));
  const severalTrees = orgs.filter((o) => !o.parentId || !ids.has(o.parentId)).length > 1;
  return { all: chosen ?? severalTrees, severalTrees, setAll: (all) => setSearch({ alla: all ? 1 : 0 }) };
}

/** The choice between the selected organisation and all of one's organisations, shown when there is one to make. */
export function ScopeSwitch({ all, severalTrees, setAll }: ReturnType<typeof useOrgScope>) {
  const { t } = useTranslation();
  const { selected } = useSelectedOrg();
  const label = useId();
  // On a phone the two choices (one names the organisation) stand one above the other, and a long name wraps.
  const narrow = useNarrow();
  if (!selected || (!severalTrees && !all)) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={label}>
        {t('scope.label')}
      </Text>
      <SegmentedControl
        aria-labelledby={label}
        value={all ? 'all' : 'selected'}
        onChange={(v) => setAll(v === 'all')}
        data={[
          { value: 'selected', label: t('scope.selected', { org: selected.name }) },
          { value: 'all', label: t('scope.all') },
        ]}
        orientation={narrow ? 'vertical' : 'horizontal'}
        className="scope-switch"
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
      />
    </Stack>
  );
}
