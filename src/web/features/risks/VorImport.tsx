import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportDialogButton, TemplateLink } from '../../components/ImportDialog';

/** "Ladda ned mall": the import's XLSX template with the year's events (risk.read). */
export function VorTemplateLink({ org, year }: { org: string; year: number }) {
  const { t } = useTranslation('risks');
  return <TemplateLink path="/risks/vor/template" query={{ org, year }} label={t('vor.import.template')} help={t('vor.import.templateHelp', { year })} />;
}

/** "Importera från Excel" (risk.manage): the year, then the import's steps (ImportFlow) in a dialog. */
export function VorImportButton({ org, defaultYear, onImported }: { org: { slug: string; name: string }; defaultYear: number; onImported: (year: number) => void }) {
  const { t } = useTranslation('risks');
  const qc = useQueryClient();
  // The year the page shows as the dialog opens (not as this button was first drawn, before the page's VoR had
  // loaded), or one typed here; it holds while the dialog is open, whatever the page shows meanwhile (an import
  // opens the year imported into, and the page passes through loading it).
  const [chosen, setChosen] = useState<string | null>(null);
  const year = chosen ?? String(defaultYear);
  const valid = /^\d{4}$/.test(year);
  return (
    <ImportDialogButton
      button={t('vor.import.button')}
      title={t('vor.import.title', { org: org.name })}
      intro={t('vor.import.intro')}
      before={
        <>
          <TextInput label={t('vor.import.year')} type="number" min={2000} max={2100} required value={year} onChange={(e) => setChosen(e.currentTarget.value)} w={160} data-autofocus />
          {valid && <VorTemplateLink org={org.slug} year={Number(year)} />}
        </>
      }
      flowKey={year}
      onOpen={() => setChosen(String(defaultYear))}
      path="/risks/vor/import"
      query={{ org: org.slug, year }}
      disabled={!valid}
      fileLabel={t('vor.import.file')}
      help={t('vor.import.help')}
      doneTitle={t('vor.import.doneTitle')}
      doneText={t('vor.import.doneText')}
      onImported={(r) => {
        if (r.status !== 200) return;
        void qc.invalidateQueries({ queryKey: ['risks'] });
        onImported(Number(year));
      }}
    />
  );
}
