import { Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportDialogButton, TemplateLink } from '../../components/ImportDialog';

/**
 * "Importera från Excel" and "Ladda ned mall" on the Registerförteckning page, for those who may edit the register
 * (privacy.manage): the behandlingar from a DraftIT export, IMY's template or Tillit's own template into the selected
 * organisation's subtree (docs/privacy-import.md).
 */
export function PrivacyImport({ org }: { org: { slug: string; name: string } }) {
  const { t } = useTranslation('privacy');
  const qc = useQueryClient();
  const template = <TemplateLink path="/privacy/activities/template" query={{ org: org.slug }} label={t('import.template')} help={t('import.templateHelp', { org: org.name })} />;
  return (
    <Group gap="md" align="center">
      <ImportDialogButton
        button={t('import.button')}
        title={t('import.title', { org: org.name })}
        intro={t('import.intro', { org: org.name })}
        before={template}
        path="/privacy/activities/import"
        query={{ org: org.slug }}
        fileLabel={t('import.file')}
        help={t('import.help')}
        doneTitle={t('import.doneTitle')}
        doneText={t('import.doneText')}
        onImported={(r) => {
          if (r.status === 200) void qc.invalidateQueries({ queryKey: ['privacy'] });
        }}
      />
      {template}
    </Group>
  );
}
