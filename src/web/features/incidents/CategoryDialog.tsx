import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import type { CategoryDto, CategoryUpdated, PersonalData, Risk } from './types';
import { KIND_KEY, KINDS, PERSONAL_DATA, RISKS } from './types';

const FIELDS = ['name', 'kind', 'personalData', 'riskAssessment', 'assessmentText', 'firstActions'];

/**
 * Adds a category to an organisation's list or changes one (name, kind, personal data default, risk assessment,
 * assessment text, first actions one per line, active). `copies`: the list is inherited, so saving copies it first.
 */
export function CategoryDialog({ org, category, copies, onClose, onSaved }: {
  org: { slug: string; name: string };
  category?: CategoryDto;
  copies: boolean;
  onClose: () => void;
  onSaved: (saved: CategoryDto | CategoryUpdated) => void;
}) {
  const { t, i18n } = useTranslation('incidents');
  const [name, setName] = useState(category?.name ?? '');
  const [kind, setKind] = useState(category?.kind ?? '');
  const [personalData, setPersonalData] = useState<string>(category?.personalData ?? '');
  const [riskAssessment, setRiskAssessment] = useState<string>(category?.riskAssessment ?? '');
  const [assessmentText, setAssessmentText] = useState(category?.assessmentText ?? '');
  const [firstActions, setFirstActions] = useState((category?.firstActions ?? []).join('\n'));
  const [active, setActive] = useState(category?.active ?? true);
  const save = useSubmit(() => {
    const body = {
      name: name.trim(),
      kind: (kind || null) as (typeof KINDS)[number] | null,
      personalData: (personalData || null) as PersonalData | null,
      riskAssessment: (riskAssessment || null) as Risk | null,
      assessmentText,
      firstActions: firstActions.split('\n').map((s) => s.trim()).filter(Boolean),
      active,
    };
    return category?.id
      ? api.patch<CategoryUpdated>(`/incident-categories/${category.id}`, { version: category.version, ...body })
      : api.post<CategoryDto>('/incident-categories', { org: org.slug, ...body });
  });
  const fe = (f: string) => fieldError(save.error, f, i18n.language);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await save.run();
    if (r) onSaved(r);
  }

  const none = { value: '', label: t('categories.unset') };
  return (
    <Dialog opened onClose={onClose} title={category ? t('categories.editTitle', { name: category.name }) : t('categories.newTitle', { org: org.name })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {copies && !category && <Alert color="blue">{t('categories.copyFirst', { org: org.name })}</Alert>}
          {category && <Alert color="gray">{t('categories.renameNote')}</Alert>}
          <ProblemAlert error={save.error} fields={FIELDS} onReload={onClose} />
          <TextInput label={t('categories.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe('name')} data-autofocus />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('field.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value)}
              data={[none, ...KINDS.map((k) => ({ value: k, label: t(`kind.${KIND_KEY[k]}`) }))]}
              error={fe('kind')}
            />
            <NativeSelect
              label={t('categories.personalData')}
              value={personalData}
              onChange={(e) => setPersonalData(e.currentTarget.value)}
              data={[none, ...PERSONAL_DATA.map((p) => ({ value: p, label: t(`pd.${p}`) }))]}
              error={fe('personalData')}
            />
            <NativeSelect
              label={t('field.riskAssessment')}
              value={riskAssessment}
              onChange={(e) => setRiskAssessment(e.currentTarget.value)}
              data={[none, ...RISKS.map((r) => ({ value: r, label: t(`risk.${r}`) }))]}
              error={fe('riskAssessment')}
            />
          </Group>
          <Textarea label={t('categories.assessmentText')} autosize minRows={2} value={assessmentText} onChange={(e) => setAssessmentText(e.currentTarget.value)} error={fe('assessmentText')} />
          <Textarea
            label={t('categories.firstActions')}
            description={t('categories.firstActionsHelp')}
            autosize
            minRows={2}
            value={firstActions}
            onChange={(e) => setFirstActions(e.currentTarget.value)}
            error={fe('firstActions')}
          />
          <Checkbox label={t('categories.activeLabel')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={save.busy}>
              {t('common:save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
