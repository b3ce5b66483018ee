import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from './TableScroll';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { formatNumber } from '../format';
import { ProblemAlert } from './problem';
import { useFocusLater } from './useFocusLater';
import { runImport, type ImportOutcome, type ImportProgress } from './importUpload';
import { FilePicker } from './FilePicker';

function Counts({ s }: { s: ImportOutcome }) {
  const { t } = useTranslation('common');
  const items: [string, number][] = [
    [t('import.created'), s.created],
    [t('import.updated'), s.updated],
    [t('import.unchanged'), s.unchanged],
    [t('import.rejected'), s.rejected],
  ];
  return (
    <div>
      <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
        {items.map(([label, n]) => (
          <Paper withBorder p="sm" key={label}>
            <Text component="dt" size="sm">
              {label}
            </Text>
            <Text component="dd" m={0} fz={24} fw={700}>
              {formatNumber(n)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </div>
  );
}

/** The import's warnings (a column not read, a unit kept as text …): in the preview, and again with the result, where they still hold. */
function Warnings({ s }: { s: ImportOutcome }) {
  const { t, i18n } = useTranslation('common');
  if (!s.warnings?.length) return null;
  return (
    <Alert color="orange" title={t('import.warnings')}>
      <List size="sm">
        {(i18n.language.startsWith('en') ? s.warnings_en : s.warnings_sv).map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** What the updated rows change, by column (an import that updates existing rows says so; others leave it out). */
function Changes({ s }: { s: ImportOutcome }) {
  const { t } = useTranslation('common');
  const id = useId();
  if (!s.changes?.length || s.updated === 0) return null;
  return (
    <div>
      <Text fw={700} size="sm" id={id}>
        {t('import.changes')}
      </Text>
      <List size="sm" aria-labelledby={id}>
        {s.changes.map((c) => (
          <List.Item key={c.column}>
            {t('import.changesColumn', { column: c.column, count: c.count, total: formatNumber(c.count) })}
            {c.examples.length > 0 && ` (${t('import.changesExamples', { examples: c.examples.join(', ') + (c.count > c.examples.length ? ' …' : '') })})`}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

function Errors({ s }: { s: ImportOutcome }) {
  const { t, i18n } = useTranslation('common');
  const en = i18n.language.startsWith('en');
  if (s.errors.length === 0) return null;
  return (
    <TableScroll minWidth={560}>
      <Table striped withTableBorder>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 700 }}>{t('import.errorsCaption', { count: s.rejected })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.line')}</Table.Th>
            <Table.Th>{t('import.column')}</Table.Th>
            <Table.Th>{t('import.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.errors.map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td>{e.line}</Table.Td>
              <Table.Td>{e.column ?? '–'}</Table.Td>
              <Table.Td>{en ? e.reason_en : e.reason_sv}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export interface ImportFlowProps {
  /** The import route (e.g. /incidents/import) and its query (org, year …). */
  path: string;
  query: Record<string, string | number>;
  /** Label and help of the file input. */
  fileLabel: string;
  help: ReactNode;
  doneTitle: string;
  /** Said when the import is done (may hold a link to what was imported). */
  doneText: ReactNode;
  /** After a real import (not the preview): refresh what it changed. */
  onImported?: (r: ImportOutcome) => void;
  /** Disables the preview button (e.g. no organisation chosen). */
  disabled?: boolean;
  /** Renders the preview's and result's headings at this level (2 on a page, 3 in a dialog with its own title). */
  headingOrder?: 2 | 3;
}

/**
 * An import's steps, the same for every tabular import: choose a file → dry-run preview (counts, warnings and every
 * bad row; nothing written) → Importera (optionally skipping the invalid rows) → the result. Focus moves to what
 * answered: the preview's or result's heading, or back to the file input on an error or Avbryt.
 */
export function ImportFlow({ path, query, fileLabel, help, doneTitle, doneText, onImported, disabled, headingOrder = 2 }: ImportFlowProps) {
  const { t } = useTranslation('common');
  const { me } = useSession();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportOutcome | null>(null);
  const [result, setResult] = useState<ImportOutcome | null>(null);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState<'dry' | 'real' | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The button pressed is disabled while busy (and Avbryt removes the preview): focus goes to what answered.
  const focusLater = useFocusLater();
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  function reset(f: File | null) {
    setFile(f);
    setPreview(null);
    setResult(null);
    setSkip(false);
    setError(null);
    setProgress(null);
  }

  async function run(dryRun: boolean) {
    if (!file || disabled) return;
    setBusy(dryRun ? 'dry' : 'real');
    setError(null);
    setProgress({ phase: 'upload', fraction: 0 });
    try {
      // The preview counts what would be written with the invalid rows left out; nothing is written.
      const r = await runImport(file, { path, query, dryRun, skipInvalid: dryRun ? true : skip, csrf: me.csrfToken ?? '' }, setProgress);
      if (dryRun) {
        // A new preview (the same file again after an import, say) replaces the last result: it says what would happen now.
        setResult(null);
        setSkip(false);
        setPreview(r);
      } else {
        setResult(r);
        onImported?.(r);
      }
      focusLater(() => (dryRun ? previewHeading : resultHeading).current);
    } catch (e) {
      setError(e);
      focusLater(() => input.current);
    } finally {
      setBusy(null);
    }
  }

  // Nothing in the file can be imported (every row bad, or the file as a whole: a column missing): no choice to offer.
  const importable = !!preview && preview.created + preview.updated + preview.unchanged > 0;
  const needsSkip = importable && preview.rejected > 0;
  const pct = progress ? Math.round(progress.fraction * 100) : 0;
  const fileId = `${id}-file`;

  return (
    <Stack>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <Group align="flex-end">
          <div>
            <FilePicker
              id={fileId}
              ref={input}
              label={fileLabel}
              file={file}
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              describedBy={`${id}-help`}
              onChange={reset}
            />
            <Text size="xs" id={`${id}-help`} c="dimmed">
              {help}
            </Text>
          </div>
          <Button type="submit" disabled={!file || disabled || busy !== null} loading={busy === 'dry'}>
            {t('import.dryRun')}
          </Button>
        </Group>
      </form>

      {progress && busy && (
        <div>
          <label htmlFor={`${id}-progress`} style={{ fontSize: 14 }}>
            {progress.phase === 'upload' ? t('import.uploading') : t('import.processing', { rows: formatNumber(progress.rows ?? 0) })} ({pct} %)
          </label>
          <progress id={`${id}-progress`} max={100} value={pct} style={{ width: '100%', height: 16 }} />
        </div>
      )}

      <ProblemAlert error={error} />

      {preview && !result && (
        <Paper withBorder p="md" component="section" aria-labelledby={`${id}-preview`}>
          <Stack>
            <Title order={headingOrder} size="h3" id={`${id}-preview`} ref={previewHeading} tabIndex={-1}>
              {t('import.previewTitle')}
            </Title>
            <Text size="sm">{t('import.previewText')}</Text>
            <Counts s={preview} />
            <Changes s={preview} />
            <Warnings s={preview} />
            <Errors s={preview} />
            {needsSkip && (
              <Checkbox
                label={t('import.skipInvalid')}
                description={t('import.skipHelp', { count: preview.rejected })}
                checked={skip}
                onChange={(e) => setSkip(e.currentTarget.checked)}
              />
            )}
            {!importable && <Text fw={600}>{t(preview.errors.length > 0 ? 'import.nothingImportable' : 'import.noRows')}</Text>}
            <Group>
              {importable && (
                <Button onClick={() => void run(false)} disabled={busy !== null || (needsSkip && !skip)} loading={busy === 'real'}>
                  {t('import.confirm')}
                </Button>
              )}
              <Button variant="default" onClick={() => {
                reset(null);
                if (input.current) input.current.value = '';
                focusLater(() => input.current);
              }}>
                {t('cancel')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {result && (
        <Paper withBorder p="md" component="section" aria-labelledby={`${id}-result`}>
          <Stack>
            <Title order={headingOrder} size="h3" id={`${id}-result`} ref={resultHeading} tabIndex={-1}>
              {result.status === 200 ? doneTitle : t('import.failedTitle')}
            </Title>
            <Text role="status">{result.status === 200 ? doneText : t('import.failedText')}</Text>
            <Counts s={result} />
            <Changes s={result} />
            <Warnings s={result} />
            <Errors s={result} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
