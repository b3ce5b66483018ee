import { useState, type FormEvent } from 'react';
import { Alert, Checkbox, Divider, Fieldset, Loader, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { scalesQuery } from './api';
import { ActionsEditor } from './ActionsEditor';
import { MatrixPicker, type Assessment } from './MatrixPicker';
import { SOURCE_TYPES, TREATMENTS, type RegisterRisk, type Scale } from './types';
import { FormActions } from '../../components/FormActions';

interface Props {
  id: string | null;
  org: { slug: string; name: string };
  canEdit: boolean;
  onClose: () => void;
  onChanged: () => void;
}

/** Create or edit a register risk. Loads the risk (and the scale version it was assessed on) first. */
export function RiskDialog({ id, org, canEdit, onClose, onChanged }: Props) {
  const { t } = useTranslation('risks');
  const risk = useQuery({ queryKey: ['risks', 'risk', id] as const, queryFn: () => api.get<RegisterRisk>(`/risks/register/${id}`), enabled: !!id });
  const scales = useQuery(scalesQuery(org.slug));
  const scale = id ? scales.data?.versions.find((s) => s.id === risk.data?.scaleId) : scales.data?.current;
  const ready = scale && (!id || risk.data);
  return (
    <Dialog opened onClose={onClose} size="xl" title={id ? t('risk.editTitle') : t('risk.newTitle', { org: org.name })}>
      {!ready ? (
        <Loader size="sm" aria-label={t('common:loading')} />
      ) : (
        <Stack>
          <RiskForm
            key={risk.data?.version ?? 0}
            risk={risk.data}
            scale={scale}
            org={org}
            canEdit={canEdit}
            onSaved={() => {
              onChanged();
              onClose();
            }}
            onCancel={onClose}
            onReload={() => {
              void risk.refetch();
              onChanged();
            }}
          />
          {risk.data && (
            <>
              <Divider />
              <ActionsEditor
                parentType="risk"
                parentId={risk.data.id}
                actions={risk.data.actions}
                canEdit={canEdit}
                context={risk.data.title}
                onChanged={() => {
                  void risk.refetch();
                  onChanged();
                }}
              />
            </>
          )}
        </Stack>
      )}
    </Dialog>
  );
}

const FIELDS = ['title', 'description', 'sourceType', 'sourceLabel', 'owner', 'inherent.sannolikhet', 'inherent.konsekvens', 'residual.sannolikhet', 'residual.konsekvens', 'treatment', 'treatmentDecision', 'reviewDate', 'status'];

function RiskForm({ risk, scale, org, canEdit, onSaved, onCancel, onReload }: { risk?: RegisterRisk; scale: Scale; org: { slug: string }; canEdit: boolean; onSaved: () => void; onCancel: () => void; onReload: () => void }) {
  const { t, i18n } = useTranslation('risks');
  const [title, setTitle] = useState(risk?.title ?? '');
  const [description, setDescription] = useState(risk?.description ?? '');
  const [sourceType, setSourceType] = useState<string>(risk?.sourceType ?? 'manual');
  const [sourceLabel, setSourceLabel] = useState(risk?.sourceLabel ?? '');
  const [owner, setOwner] = useState(risk?.owner ?? '');
  const [inherent, setInherent] = useState<Assessment | null>(risk ? { sannolikhet: risk.inherent.sannolikhet, konsekvens: risk.inherent.konsekvens } : null);
  const [hasResidual, setHasResidual] = useState(!!risk?.residual);
  const [residual, setResidual] = useState<Assessment | null>(risk?.residual ? { sannolikhet: risk.residual.sannolikhet, konsekvens: risk.residual.konsekvens } : null);
  const [treatment, setTreatment] = useState<string>(risk?.treatment ?? '');
  const [decision, setDecision] = useState(risk?.treatmentDecision ?? '');
  const [reviewDate, setReviewDate] = useState(risk?.reviewDate ?? '');
  const [status, setStatus] = useState<string>(risk?.status ?? 'oppen');
  const [missing, setMissing] = useState<string[]>([]);
  const fe = (f: string) => fieldError(submit.error, f, i18n.language);

  const submit = useSubmit(async () => {
    const common = {
      title, description, sourceLabel, owner,
      inherent: inherent!,
      residual: hasResidual ? residual : null,
      treatment: treatment || null,
      treatmentDecision: decision,
      reviewDate: reviewDate || null,
    };
    return risk
      ? api.patch<RegisterRisk>(`/risks/register/${risk.id}`, { version: risk.version, ...common, status })
      : api.post<RegisterRisk>('/risks/register', { org: org.slug, sourceType, ...common });
  });

  async function save(e: FormEvent) {
    e.preventDefault();
    const miss = [...(inherent ? [] : ['inherent']), ...(hasResidual && !residual ? ['residual'] : [])];
    setMissing(miss);
    if (miss.length) return;
    if (await submit.run()) onSaved();
  }
  const pickerError = (k: 'inherent' | 'residual') => (missing.includes(k) ? t('event.missingAssessment') : (fe(`${k}.sannolikhet`) ?? fe(`${k}.konsekvens`) ?? fe(k)));

  return (
    <form onSubmit={save} noValidate aria-label={risk ? t('risk.editTitle') : t('risk.new')}>
      <Stack>
        <ProblemAlert error={submit.error} fields={FIELDS} onReload={onReload} />
        {risk && !scale.current && <Alert color="orange">{t('risk.oldScale', { version: scale.scaleVersion })}</Alert>}
        <TextInput label={t('risk.field.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fe('title')} disabled={!canEdit} data-autofocus />
        <Textarea label={t('risk.field.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fe('description')} disabled={!canEdit} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect label={t('risk.field.sourceType')} value={sourceType} onChange={(e) => setSourceType(e.currentTarget.value)} data={SOURCE_TYPES.map((s) => ({ value: s, label: t(`source.${s}`) }))} error={fe('sourceType')} disabled={!canEdit || !!risk} />
          <TextInput label={t('risk.field.sourceLabel')} value={sourceLabel} onChange={(e) => setSourceLabel(e.currentTarget.value)} error={fe('sourceLabel')} disabled={!canEdit} />
          <TextInput label={t('risk.field.owner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={fe('owner')} disabled={!canEdit} />
        </SimpleGrid>
        {/* One matrix above the other: side by side, each had half the dialog and its column heads ran into each other. */}
        <Stack>
          <MatrixPicker id="risk-inherent" scale={scale} label={t('risk.inherentLong')} value={inherent} onChange={setInherent} error={pickerError('inherent')} disabled={!canEdit} />
          <Stack gap="xs">
            <Checkbox label={t('risk.hasResidual')} checked={hasResidual} onChange={(e) => setHasResidual(e.currentTarget.checked)} disabled={!canEdit} />
            {hasResidual && <MatrixPicker id="risk-residual" scale={scale} label={t('risk.residualLong')} value={residual} onChange={setResidual} error={pickerError('residual')} disabled={!canEdit} />}
          </Stack>
        </Stack>
        <Fieldset legend={t('risk.treatmentLegend')}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label={t('risk.field.treatment')} value={treatment} onChange={(e) => setTreatment(e.currentTarget.value)} data={[{ value: '', label: t('treatment.none') }, ...TREATMENTS.map((s) => ({ value: s, label: t(`treatment.${s}`) }))]} error={fe('treatment')} disabled={!canEdit} />
              <TextInput label={t('risk.field.reviewDate')} type="date" value={reviewDate} onChange={(e) => setReviewDate(e.currentTarget.value)} error={fe('reviewDate')} disabled={!canEdit} />
            </SimpleGrid>
            <Textarea label={t('risk.field.treatmentDecision')} autosize minRows={2} value={decision} onChange={(e) => setDecision(e.currentTarget.value)} error={fe('treatmentDecision')} disabled={!canEdit} />
            {risk?.treatmentDecidedAt && <span>{t('risk.decidedBy', { who: risk.treatmentDecidedByName ?? risk.treatmentDecidedBy ?? '', when: formatDateTime(risk.treatmentDecidedAt) })}</span>}
          </Stack>
        </Fieldset>
        {risk && (
          <NativeSelect label={t('risk.field.status')} value={status} onChange={(e) => setStatus(e.currentTarget.value)} data={[{ value: 'oppen', label: t('riskStatus.oppen') }, { value: 'stangd', label: t('riskStatus.stangd') }]} error={fe('status')} disabled={!canEdit} w={200} />
        )}
        {canEdit && (
          <FormActions busy={submit.busy} submitLabel={risk ? t('common:save') : t('risk.create')} onCancel={onCancel} />
        )}
      </Stack>
    </form>
  );
}
