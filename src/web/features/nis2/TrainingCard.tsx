import { useState, type FormEvent } from 'react';
import { Button, Card, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import { todayStockholm } from '../plans/shared';
import type { Nis2Assessment } from './api';

/** Article 20(2): the förvaltningsledning's members and the day each was trained. */
export function TrainingCard({ assessment: a, manage, onChange }: { assessment: Nis2Assessment; manage: boolean; onChange: (next: Nis2Assessment) => void }) {
  const { t, i18n } = useTranslation('nis2');
  const [f, setF] = useState({ name: '', date: '' });
  const [saved, setSaved] = useState('');
  const focusLater = useFocusLater();
  const add = useSubmit(() => api.post<Nis2Assessment>(`/nis2/assessments/${a.id}/training`, f));
  const remove = useSubmit((id: string) => api.delete<Nis2Assessment>(`/nis2/training/${id}`));
  const fe = (k: string) => fieldError(add.error, k, i18n.language);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = await add.run();
    if (!next) return;
    onChange(next);
    setSaved(t('training.saved', { name: f.name }));
    setF({ name: '', date: '' });
    focusLater(() => document.getElementById('nis2-training-name'));
  }

  return (
    <Card withBorder component="section" aria-labelledby="nis2-training">
      <Stack gap="xs">
        <Title order={2} size="h3" id="nis2-training" tabIndex={-1}>{t('training.title')}</Title>
        <Text size="sm" c="dimmed">{t('training.intro')}</Text>
        {a.training.length === 0 ? <Text>{t('training.none')}</Text> : (
          <Table striped maw={640}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('training.caption', { year: a.year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('training.name')}</Table.Th>
                <Table.Th scope="col">{t('training.date')}</Table.Th>
                {manage && <Table.Th scope="col"><VisuallyHidden>{t('actions')}</VisuallyHidden></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.training.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Th scope="row" fw="normal">{x.name}</Table.Th>
                  <Table.Td className="nowrap">{x.date}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Button size="xs" variant="default" loading={remove.busy} aria-label={t('training.removeOne', { name: x.name })}
                        onClick={async () => {
                          const next = await remove.run(x.id);
                          if (next) { onChange(next); focusLater(() => document.getElementById('nis2-training')); }
                        }}>
                        {t('training.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ProblemAlert error={remove.error} />
        {manage && (
          <form onSubmit={submit} noValidate aria-label={t('training.add')}>
            <Stack gap="xs">
              <ProblemAlert error={add.error} fields={['name', 'date']} />
              <Group align="flex-start">
                <TextInput id="nis2-training-name" label={t('training.name')} required value={f.name} error={fe('name')} w={320} maxLength={200}
                  onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, name: v })); }} />
                <TextInput label={t('training.date')} required type="date" max={todayStockholm()} value={f.date} error={fe('date')} w={180}
                  onChange={(e) => { const v = e.currentTarget.value; setF((x) => ({ ...x, date: v })); }} />
              </Group>
              <Group>
                <Button type="submit" variant="default" loading={add.busy}>{t('training.add')}</Button>
                <Text size="sm" role="status" aria-live="polite">{saved}</Text>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
