import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportFlow } from '../../components/ImportFlow';
import { useSelectedOrg } from '../../shell/org-context';
import { SubNav } from './SubNav';

/** Import from IA: upload → dry-run preview (counts and every bad row) → confirm → progress → summary. */
export default function ImportPage() {
  const { t } = useTranslation('incidents');
  const { selected } = useSelectedOrg();
  const qc = useQueryClient();
  return (
    <Stack maw={960}>
      <Title order={1}>{t('import.title')}</Title>
      <SubNav />
      {/* Without an organisation the file has nowhere to go: say where to choose one, not "… till ." */}
      {selected ? <Text>{t('import.intro', { org: selected.name })}</Text> : <Alert color="orange">{t('noOrg')}</Alert>}
      <ImportFlow
        path="/incidents/import"
        query={{ org: selected?.slug ?? '' }}
        disabled={!selected}
        fileLabel={t('import.file')}
        help={t('import.help')}
        doneTitle={t('import.doneTitle')}
        doneText={
          <>
            {t('import.doneText')}{' '}
            <Anchor component={Link} to="/incidenter">
              {t('import.toList')}
            </Anchor>
          </>
        }
        onImported={() => {
          void qc.invalidateQueries({ queryKey: ['register', 'incidents'] });
          void qc.invalidateQueries({ queryKey: ['incidents'] });
        }}
      />
    </Stack>
  );
}
