import { Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportDialogButton, TemplateLink } from '../../components/ImportDialog';

/**
 * "Importera från Excel" (object.manage) and "Ladda ned mall" (object.read) on the Objekt page: the objektlista with
 * its KLASSA classification into the selected organisation's subtree (docs/objects-import.md).
 */
export function ObjectImport({ org, manage }: { org: { slug: string; name: string }; manage: boolean }) {
  const { t } = useTranslation('objects');
  const qc = useQueryClient();
  const template = <TemplateLink path="/objects/template" query={{ org: org.slug }} label={t('import.template')} help={t('import.templateHelp', { org: org.name })} />;
  return (
    <Group gap="md" align="center">
      {manage && (
        <ImportDialogButton
          button={t('import.button')}
          title={t('import.title', { org: org.name })}
          intro={t('import.intro', { org: org.name })}
          before={template}
          path="/objects/import"
          query={{ org: org.slug }}
          fileLabel={t('import.file')}
          help={t('import.help')}
          doneTitle={t('import.doneTitle')}
          doneText={t('import.doneText')}
          onImported={(r) => {
            if (r.status === 200) void qc.invalidateQueries({ queryKey: ['objects'] });
          }}
        />
      )}
      {template}
    </Group>
  );
}
