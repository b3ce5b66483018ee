import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Loader, Stack, Table, Text, Textarea } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { fieldError, ProblemAlert } from '../../components/problem';
import type { InputKey, InputStatus, Iso93Status, Review } from './types';
import { useReviewPatch } from './useReview';

/** A report section key as the user reads it ("review.inputs.a" is the review's own text for input a). */
export function useSectionName() {
  const { t } = useTranslation('review');
  return (key: string) => (key.startsWith('review.inputs.') ? t('inputs.ownText') : t(`sections.${key}`, { defaultValue: key }));
}

export function inputTitle(i: Pick<InputStatus, 'title_sv' | 'title_en'>, lang: string) {
  return lang.startsWith('en') ? i.title_en : i.title_sv;
}

export function CoverageBadge({ input }: { input: InputStatus }) {
  const { t } = useTranslation('review');
  if (input.covered) return <Badge color="green" variant="light" tt="none">{t('inputs.covered')}</Badge>;
  if (input.notApplicable) return <Badge color="gray" variant="light" tt="none">{t('inputs.notApplicable')}</Badge>;
  return <Badge color="red" variant="filled" tt="none">{t('inputs.notCovered')}</Badge>;
}

/** Inputs 9.3.2 (a)–(g): which report sections cover each, the status, and marking one not applicable. */
export function InputsSection({ review, status, loading, editable, onReload }: {
  review: Review; status: Iso93Status | undefined; loading: boolean; editable: boolean; onReload: () => void;
}) {
  const { t, i18n } = useTranslation('review');
  const name = useSectionName();
  const [editing, setEditing] = useState<InputStatus | null>(null);
  if (loading || !status) return <Loader size="sm" aria-label={t('common:loading')} />;
  return (
    <Stack>
      <Text size="sm">{t('inputs.intro')}</Text>
      {status.uncovered.length > 0 ? (
        <Alert color="orange" title={t('inputs.missingTitle')}>
          {t('inputs.missing', { list: status.uncovered.map((k) => `(${k})`).join(', ') })}
        </Alert>
      ) : (
        <Alert color="green">{t('inputs.allCovered')}</Alert>
      )}
      <TableScroll minWidth={700}>
        <Table verticalSpacing="xs" striped>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('inputs.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('inputs.input')}</Table.Th>
              <Table.Th scope="col">{t('inputs.sections')}</Table.Th>
              <Table.Th scope="col">{t('inputs.status')}</Table.Th>
              {editable && <Table.Th scope="col">{t('inputs.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.inputs.map((i) => (
              <Table.Tr key={i.key}>
                <Table.Th scope="row" fw={400}>
                  <strong>({i.key})</strong> {inputTitle(i, i18n.language)}
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{i.sections.map(name).join(', ')}</Text>
                  {i.coveredBy.length > 0 && (
                    <Text size="sm" mt={2}>
                      {t('inputs.coveredBy', { list: i.coveredBy.map(name).join(', ') })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <CoverageBadge input={i} />
                  {i.notApplicable && i.reason && (
                    <Text size="sm" mt={2}>
                      {t('inputs.reasonShown', { reason: i.reason })}
                    </Text>
                  )}
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditing(i)} aria-label={t('inputs.editOne', { key: i.key })}>
                      {t('inputs.edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {editing && <InputModal review={review} input={editing} onClose={() => setEditing(null)} onReload={onReload} />}
    </Stack>
  );
}

/** The review's own text for an input (covers it) and/or "not applicable" with a reason. */
function InputModal({ review, input, onClose, onReload }: { review: Review; input: InputStatus; onClose: () => void; onReload: () => void }) {
  const { t, i18n } = useTranslation('review');
  const key = input.key as InputKey;
  const mark = review.inputs[key] ?? {};
  const [text, setText] = useState(mark.text ?? '');
  const [notApplicable, setNotApplicable] = useState(mark.notApplicable ?? false);
  const [reason, setReason] = useState(mark.reason ?? '');
  const { run, busy, error } = useReviewPatch(review);
  const fe = (f: string) => fieldError(error, `inputs.${key}.${f}`, i18n.language);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run({ inputs: { [key]: { text, notApplicable, reason: notApplicable ? reason : '' } } })) onClose();
  }
  return (
    <Dialog opened onClose={onClose} size="lg" title={`(${key}) ${inputTitle(input, i18n.language)}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={['text', 'notApplicable', 'reason'].map((f) => `inputs.${key}.${f}`)} onReload={() => { onClose(); onReload(); }} />
          <Textarea label={t('inputs.text')} description={t('inputs.textHelp')} autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fe('text')} data-autofocus />
          <Checkbox label={t('inputs.markNotApplicable')} checked={notApplicable} onChange={(e) => setNotApplicable(e.currentTarget.checked)} error={fe('notApplicable')} />
          {notApplicable && (
            <Textarea label={t('inputs.reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fe('reason')} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common:save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
