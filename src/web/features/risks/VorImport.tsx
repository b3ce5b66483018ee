import { useState } from 'react';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ImportFlow } from '../../components/ImportFlow';

/** "Ladda ned mall": the import's XLSX template with the year's events (risk.read). */
export function VorTemplateLink({ org, year }: { org: string; year: number }) {
  const { t } = useTranslation('risks');
  return (
    <Anchor href={apiUrl('/risks/vor/template', { org, year })} download title={t('vor.import.templateHelp', { year })}>
      {t('vor.import.template')}
    </Anchor>
  );
}

/** "Importera från Excel" (risk.manage): the year, then the import's steps (ImportFlow) in a dialog. */
export function VorImportButton({ org, defaultYear, onImported }: { org: { slug: string; name: string }; defaultYear: number; onImported: (year: number) => void }) {
  const { t } = useTranslation('risks');
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(String(defaultYear));
  const valid = /^\d{4}$/.test(year);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('vor.import.button')}
      </Button>
      {open && (
        <Dialog opened onClose={() => setOpen(false)} title={t('vor.import.title', { org: org.name })} size="xl">
          <Stack>
            <Text size="sm">{t('vor.import.intro')}</Text>
            <TextInput label={t('vor.import.year')} type="number" min={2000} max={2100} required value={year} onChange={(e) => setYear(e.currentTarget.value)} w={160} data-autofocus />
            {valid && <VorTemplateLink org={org.slug} year={Number(year)} />}
            <ImportFlow
              key={year}
              path="/risks/vor/import"
              query={{ org: org.slug, year }}
              disabled={!valid}
              headingOrder={3}
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
          </Stack>
        </Dialog>
      )}
    </>
  );
}
