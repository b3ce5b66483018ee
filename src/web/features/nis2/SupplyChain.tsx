import { useEffect, useState, type FormEvent } from 'react';
import { Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/FormActions';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useFocusLater } from '../../components/useFocusLater';
import { useSubmit } from '../../components/useSubmit';
import type { Nis2Assessment, Nis2Supplier } from './api';

const editId = (id: string) => `nis2-supplier-edit-${id}`;

/** Säkerhet i leveranskedjan (d): the suppliers in scope with their sub-suppliers, even those without a contract. */
export function SupplyChain({ assessment: a, manage, onChange }: { assessment: Nis2Assessment; manage: boolean; onChange: (next: Nis2Assessment) => void }) {
  const { t } = useTranslation('nis2');
  const [editing, setEditing] = useState<Nis2Supplier | 'new' | null>(null);
  const focusLater = useFocusLater();
  // A new supplier's row arrives with the next render of the assessment (the query cache notifies a tick later):
  // its Ändra takes focus once it is there (WCAG 2.4.3).
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    const el = focusId ? document.getElementById(editId(focusId)) : null;
    if (!el) return;
    el.focus();
    setFocusId(null);
  }, [focusId, a]);
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  const done = (next: Nis2Assessment, id?: string) => {
    onChange(next);
    setEditing(null);
    if (id) setFocusId(id);
    else focusLater(() => document.getElementById('nis2-supplier-add') ?? document.getElementById('nis2-suppliers'));
  };
  return (
    <Card withBorder component="section" aria-labelledby="nis2-suppliers">
      <Stack gap="xs">
        <Title order={2} size="h3" id="nis2-suppliers" tabIndex={-1}>{t('suppliers.title')}</Title>
        <Text size="sm" c="dimmed">{t('suppliers.intro')}</Text>
        {a.suppliers.length === 0 ? <Text>{t('suppliers.none')}</Text> : (
          <TableScroll minWidth={700}>
            <Table striped>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('suppliers.caption', { year: a.year })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('suppliers.supplier')}</Table.Th>
                  <Table.Th scope="col">{t('suppliers.service')}</Table.Th>
                  <Table.Th scope="col">{t('suppliers.subSuppliers')}</Table.Th>
                  <Table.Th scope="col">{t('suppliers.contract')}</Table.Th>
                  <Table.Th scope="col">{t('suppliers.assessed')}</Table.Th>
                  {manage && <Table.Th scope="col"><VisuallyHidden>{t('actions')}</VisuallyHidden></Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.suppliers.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw="normal">{s.supplier}</Table.Th>
                    <Table.Td>{s.service}</Table.Td>
                    <Table.Td>{s.subSuppliers}</Table.Td>
                    <Table.Td>{yesNo(s.contract)}</Table.Td>
                    <Table.Td>{yesNo(s.assessed)}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Button id={editId(s.id)} size="xs" variant="default" onClick={() => setEditing(s)} aria-label={t('suppliers.editOne', { name: s.supplier })}>{t('edit')}</Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {manage && <Group><Button id="nis2-supplier-add" variant="default" onClick={() => setEditing('new')}>{t('suppliers.add')}</Button></Group>}
      </Stack>
      {editing && (
        <SupplierDialog assessment={a} supplier={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)}
          onSaved={(next, id) => done(next, id)} />
      )}
    </Card>
  );
}

const FIELDS = ['supplier', 'service', 'subSuppliers'];

function SupplierDialog({ assessment, supplier, onClose, onSaved }: {
  assessment: Nis2Assessment; supplier?: Nis2Supplier; onClose: () => void; onSaved: (next: Nis2Assessment, id?: string) => void;
}) {
  const { t, i18n } = useTranslation('nis2');
  const [f, setF] = useState({
    supplier: supplier?.supplier ?? '', service: supplier?.service ?? '', subSuppliers: supplier?.subSuppliers ?? '',
    contract: supplier?.contract ?? false, assessed: supplier?.assessed ?? false,
  });
  const text = (k: 'supplier' | 'service' | 'subSuppliers') => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setF((x) => ({ ...x, [k]: v }));
  };
  const save = useSubmit(() => (supplier
    ? api.patch<Nis2Assessment>(`/nis2/suppliers/${supplier.id}`, { version: supplier.version, ...f })
    : api.post<Nis2Assessment>(`/nis2/assessments/${assessment.id}/suppliers`, f)));
  const remove = useSubmit(() => api.delete<Nis2Assessment>(`/nis2/suppliers/${supplier!.id}?version=${supplier!.version}`));
  const fe = (k: string) => fieldError(save.error, k, i18n.language);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = await save.run();
    if (next) onSaved(next, supplier?.id ?? next.suppliers.find((s) => s.supplier === f.supplier.trim())?.id);
  }

  return (
    <Dialog opened onClose={onClose} size="lg" title={supplier ? t('suppliers.editTitle', { name: supplier.supplier }) : t('suppliers.addTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={save.error ?? remove.error} fields={FIELDS} staleDetail />
          <TextInput label={t('suppliers.supplier')} required value={f.supplier} onChange={text('supplier')} error={fe('supplier')} data-autofocus maxLength={200} />
          <TextInput label={t('suppliers.service')} value={f.service} onChange={text('service')} error={fe('service')} maxLength={400} />
          <Textarea label={t('suppliers.subSuppliers')} description={t('suppliers.subHelp')} autosize minRows={2} value={f.subSuppliers} onChange={text('subSuppliers')} error={fe('subSuppliers')} maxLength={2000} />
          <Group>
            <Checkbox label={t('suppliers.contract')} checked={f.contract} onChange={(e) => { const v = e.currentTarget.checked; setF((x) => ({ ...x, contract: v })); }} />
            <Checkbox label={t('suppliers.assessed')} checked={f.assessed} onChange={(e) => { const v = e.currentTarget.checked; setF((x) => ({ ...x, assessed: v })); }} />
          </Group>
          <DialogActions busy={save.busy} submitLabel={t('save')} onClose={onClose}
            remove={supplier ? { run: async () => { const next = await remove.run(); if (next) onSaved(next); return next; }, busy: remove.busy } : undefined}
            labels={{ delete: t('suppliers.delete'), confirm: t('suppliers.deleteConfirm', { name: supplier?.supplier ?? '' }), yes: t('suppliers.deleteYes') }} />
        </Stack>
      </form>
    </Dialog>
  );
}
