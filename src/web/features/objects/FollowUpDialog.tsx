import { useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../components/problem';
import { useFocusLater } from '../../components/useFocusLater';
import { thisYear } from '../plans/shared';
import { followUpsQuery, type DigitalObject, type ObjectFollowUp } from './api';
import { FollowUpForm } from './FollowUpForm';

interface Props {
  object: DigitalObject;
  /** May record and change follow-ups (object.manage). */
  manage: boolean;
  onClose: () => void;
  /** After a save: the message for the page's status region; the dialog closes. */
  onSaved: (message: string) => void;
}

/**
 * Årlig uppföljning of one object: the follow-ups held, newest year first, each with its access review; who manages
 * the object records this year's (or last year's, when it was missed) and changes one held. Opens on the form when
 * this year's is missing and the user may record it.
 */
export function FollowUpDialog({ object, manage, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation('objects');
  const list = useQuery(followUpsQuery(object.id));
  const [editing, setEditing] = useState<ObjectFollowUp | 'new' | null>(manage && !object.followUp.done ? 'new' : null);
  const focusLater = useFocusLater();
  const year = thisYear();
  const held = new Set((list.data ?? []).map((f) => f.year));
  const years = [year, year - 1].filter((y) => !held.has(y));

  const back = () => {
    setEditing(null);
    focusLater(() => document.getElementById('follow-up-heading'));
  };
  const saved = (f: ObjectFollowUp) => onSaved(t('followUp.saved', { year: f.year, name: object.name }));
  const result = (f: ObjectFollowUp) => (f.accessResult ? t(`followUp.accessResult.${f.accessResult}`) : '–');

  return (
    <Dialog opened onClose={onClose} size="xl" title={t('followUp.title', { name: object.name })}>
      <Stack>
        <Text size="sm">{t('followUp.intro')}</Text>
        {list.isPending && <Loader size="sm" aria-label={t('followUp.loading')} />}
        {list.error && <Alert color="red" role="alert">{errorMessage(list.error, i18n.language)}</Alert>}
        {list.data && editing === null && (
          <>
            <Text id="follow-up-heading" tabIndex={-1} fw={600}>{t('followUp.held')}</Text>
            {list.data.length === 0
              ? <Text size="sm">{t('followUp.none')}</Text>
              : (
                <TableScroll minWidth={520}>
                  <Table striped>
                    <Table.Caption>{t('followUp.tableCaption', { name: object.name })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('followUp.year')}</Table.Th>
                        <Table.Th scope="col">{t('followUp.heldOn')}</Table.Th>
                        <Table.Th scope="col">{t('followUp.heldBy')}</Table.Th>
                        <Table.Th scope="col">{t('followUp.check.accessReview')}</Table.Th>
                        <Table.Th scope="col">{t('followUp.result')}</Table.Th>
                        {manage && <Table.Th scope="col"><VisuallyHidden>{t('followUp.actionsColumn')}</VisuallyHidden></Table.Th>}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.data.map((f) => (
                        <Table.Tr key={f.id}>
                          <Table.Td>{f.year}</Table.Td>
                          <Table.Td className="nowrap">{f.heldOn}</Table.Td>
                          <Table.Td>{f.heldBy}</Table.Td>
                          <Table.Td>{t(`followUp.answer.${f.accessReview}`)}</Table.Td>
                          <Table.Td>{result(f)}</Table.Td>
                          {manage && (
                            <Table.Td>
                              <Button size="xs" variant="default" onClick={() => setEditing(f)} aria-label={t('followUp.editOne', { year: f.year })}>
                                {t('edit')}
                              </Button>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              )}
            {manage && years.length > 0 && (
              <Group>
                <Button onClick={() => setEditing('new')}>{t('followUp.recordYear', { year: years[0] })}</Button>
              </Group>
            )}
          </>
        )}
        {list.data && editing !== null && (
          <FollowUpForm object={object} followUp={editing === 'new' ? undefined : editing} years={years.length ? years : [year]} onCancel={back} onSaved={saved} />
        )}
      </Stack>
    </Dialog>
  );
}
