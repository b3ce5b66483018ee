import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { leaveThen } from './leaveGuard';
import { useSelectedOrg } from './org-context';

export function OrgSwitcher() {
  const { t } = useTranslation();
  const { orgs, selectedSlug, select } = useSelectedOrg();
  if (orgs.length === 0) return null;
  const minDepth = Math.min(...orgs.map((o) => o.depth));
  return (
    <NativeSelect
      aria-label={t('shell.orgSwitcher')}
      size="xs"
      value={selectedSlug ?? ''}
      onChange={(e) => {
        // A page with unsaved changes may ask first (the select stays on the current organisation meanwhile).
        const slug = e.currentTarget.value;
        leaveThen(() => select(slug));
      }}
      data={orgs.map((o) => ({ value: o.slug, label: `${'\u00a0\u00a0'.repeat(o.depth - minDepth)}${o.name}` }))}
      w={{ base: 170, xs: 240 }}
      miw={0}
    />
  );
}
