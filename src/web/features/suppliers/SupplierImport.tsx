import { Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportDialogButton, TemplateLink } from '../../components/ImportDialog';

/**
 * "Importera från Excel" and "Ladda ned mall" on the Leverantörer page, both for those who may edit (object.manage):
 * the leverantörsregister into the selected organisation (docs/suppliers-import.md).
 */
export function SupplierImport({ org }: { org: { slug: string; name: string } }) {
  const { t } = useTranslation('suppliers');
  const qc = useQueryClient();
  const template = <TemplateLink path="/suppliers/template" query={{ org: org.slug }} label={t('import.template')} help={t('import.templateHelp', { org: org.name })} />;
  return (
    <Group gap="md" align="center">
      <ImportDialogButton
        button={t('import.button')}
        title={t('import.title', { org: org.name })}
        intro={t('import.intro', { org: org.name })}
        before={template}
        path="/suppliers/import"
        query={{ org: org.slug }}
        fileLabel={t('import.file')}
        help={t('import.help')}
        doneTitle={t('import.doneTitle')}
        doneText={t('import.doneText')}
        onImported={(r) => {
          if (r.status === 200) void qc.invalidateQueries({ queryKey: ['suppliers'] });
        }}
      />
      {template}
    </Group>
  );
}
