import { useRef, useState, type FormEvent } from 'react';
import { useFocusLater } from '../../components/useFocusLater';
import { Alert, Button, Group, List, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import type { NextYearResult, Vor } from './types';
import { FormActions } from '../../components/FormActions';

/** "Skapa VoR": the year's VoR with the city's mandatory process and its five arbetssätt. */
export function CreateVorButton({ org, existing, defaultYear, onCreated }: { org: { slug: string; name: string }; existing: number[]; defaultYear: number; onCreated: (id: string) => void }) {
  const { t, i18n } = useTranslation('risks');
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(String(existing.includes(defaultYear) ? Math.max(...existing) + 1 : defaultYear));
  const submit = useSubmit(() => api.post<Vor>('/risks/vor', { org: org.slug, year: Number(year) }));
  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await submit.run();
    if (r) {
      await qc.invalidateQueries({ queryKey: ['risks'] });
      onCreated(r.id);
      setOpen(false);
    }
  }
  return (
    <>
      <Button variant={existing.length ? 'default' : 'filled'} onClick={() => setOpen(true)}>
        {t('vor.create')}
      </Button>
      {open && (
        <Dialog opened onClose={() => setOpen(false)} title={t('vor.createTitle', { org: org.name })}>
          <form onSubmit={save} noValidate>
            <Stack>
              <Text size="sm">{t('vor.createHelp')}</Text>
              <ProblemAlert error={submit.error} fields={['year']} />
              <TextInput label={t('vor.year')} type="number" min={2000} max={2100} required value={year} onChange={(e) => setYear(e.currentTarget.value)} error={fieldError(submit.error, 'year', i18n.language)} data-autofocus />
              <FormActions busy={submit.busy} submitLabel={t('vor.create')} onCancel={() => setOpen(false)} />
            </Stack>
          </form>
        </Dialog>
      )}
    </>
  );
}

/** "Starta nästa års VoR": confirmation, then a summary of what was carried. */
export function NextYearButton({ vor, onDone }: { vor: Vor; onDone: (id: string) => void }) {
  const { t } = useTranslation('risks');
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<NextYearResult | null>(null);
  const submit = useSubmit(() => api.post<NextYearResult>(`/risks/vor/${vor.id}/next-year`));
  // The dialog's content changes under the pressed button: focus goes to the new year's "Öppna", not to the page.
  const openButton = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusLater();
  const events = vor.processes.reduce((n, p) => n + p.arbetssatt.reduce((m, a) => m + a.events.length, 0), 0);
  const openActions = vor.processes.flatMap((p) => p.arbetssatt.flatMap((a) => a.events.flatMap((e) => e.actions))).filter((a) => a.status === 'planerad' || a.status === 'pagar').length;
  async function go() {
    const r = await submit.run();
    if (r) {
      setResult(r);
      focusLater(() => openButton.current);
      await qc.invalidateQueries({ queryKey: ['risks'] });
    }
  }
  function close() {
    setOpen(false);
    if (result) onDone(result.vor.id);
    setResult(null);
  }
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('next.button')}
      </Button>
      {open && (
        <Dialog opened onClose={close} title={t('next.title', { year: vor.year + 1 })}>
          {result ? (
            <Stack>
              <Alert color="green" title={t('next.doneTitle', { year: result.vor.year })} role="status">
                <List size="sm">
                  <List.Item>{t('next.eventsCopied', { count: result.eventsCopied })}</List.Item>
                  <List.Item>{t('next.actionsCarried', { count: result.actionsCarried })}</List.Item>
                  <List.Item>{t('next.actionsLeft', { count: result.actionsLeftBehind })}</List.Item>
                </List>
              </Alert>
              <Group>
                <Button onClick={close} ref={openButton}>
                  {t('next.open', { year: result.vor.year })}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Stack>
              <Text>{t('next.confirm', { from: vor.year, to: vor.year + 1, events, actions: openActions })}</Text>
              <ProblemAlert error={submit.error} />
              <Group>
                <Button onClick={() => void go()} loading={submit.busy} data-autofocus>
                  {t('next.go', { year: vor.year + 1 })}
                </Button>
                <Button variant="default" onClick={close}>
                  {t('common:cancel')}
                </Button>
              </Group>
            </Stack>
          )}
        </Dialog>
      )}
    </>
  );
}

/** The förvaltning's own processes and arbetssätt. */
export function ProcessButtons({ vor }: { vor: Vor }) {
  const { t, i18n } = useTranslation('risks');
  const qc = useQueryClient();
  const [mode, setMode] = useState<'process' | 'arbetssatt' | null>(null);
  const [name, setName] = useState('');
  const [names, setNames] = useState('');
  const [processId, setProcessId] = useState(vor.processes[0]?.id ?? '');
  const submit = useSubmit(() =>
    mode === 'process'
      ? api.post<Vor>(`/risks/vor/${vor.id}/processes`, { name, arbetssatt: names.split('\n').map((s) => s.trim()).filter(Boolean) })
      : api.post<Vor>(`/risks/vor-processes/${processId}/arbetssatt`, { name }),
  );
  if (vor.status === 'godkand') return null;
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await submit.run()) {
      await qc.invalidateQueries({ queryKey: ['risks', 'vor', vor.id] });
      setMode(null);
      setName('');
      setNames('');
    }
  }
  return (
    <>
      <Group>
        <Button variant="default" onClick={() => setMode('process')}>
          {t('process.add')}
        </Button>
        <Button variant="default" onClick={() => setMode('arbetssatt')}>
          {t('process.addArbetssatt')}
        </Button>
      </Group>
      {mode && (
        <Dialog opened onClose={() => setMode(null)} title={mode === 'process' ? t('process.add') : t('process.addArbetssatt')}>
          <form onSubmit={save} noValidate>
            <Stack>
              <ProblemAlert error={submit.error} fields={['name', 'arbetssatt']} />
              {mode === 'arbetssatt' && (
                <NativeSelect label={t('process.process')} value={processId} onChange={(e) => setProcessId(e.currentTarget.value)} data={vor.processes.map((p) => ({ value: p.id, label: p.name }))} />
              )}
              <TextInput label={mode === 'process' ? t('process.name') : t('process.arbetssattName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(submit.error, 'name', i18n.language)} data-autofocus />
              {mode === 'process' && (
                <Textarea label={t('process.arbetssattList')} description={t('process.onePerLine')} autosize minRows={3} value={names} onChange={(e) => setNames(e.currentTarget.value)} error={fieldError(submit.error, 'arbetssatt', i18n.language)} />
              )}
              <FormActions busy={submit.busy} submitLabel={t('common:save')} onCancel={() => setMode(null)} />
            </Stack>
          </form>
        </Dialog>
      )}
    </>
  );
}
