import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, List, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/problem';
import { useRefusalFocus } from '../../components/focusInvalid';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';
import { useSelectedOrg } from '../../shell/org-context';
import { categoriesQuery } from './api';
import type { PersonalData, QuickReport, Receipt } from './types';
import { StockholmTimeInput } from './TimeInput';
import { toTimeValue } from './util';

const FIELDS = ['title', 'description', 'occurredAt', 'org', 'personalData', 'category'];

/** Rapportera incident: what, when, where, personal data yes/no/don't know – done, with a receipt. */
export default function ReportPage() {
  const { t, i18n } = useTranslation('incidents');
  const { can } = useSession();
  const { orgs, selectedSlug } = useSelectedOrg();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [occurredAt, setOccurredAt] = useState(() => toTimeValue(new Date()));
  const [chosenOrg, setOrg] = useState('');
  const org = chosenOrg || selectedSlug || '';
  const [personalData, setPersonalData] = useState<PersonalData | ''>('');
  // Protected from the first moment: set later, the text would already have been readable (and exported) by others.
  const [protectedIdentity, setProtectedIdentity] = useState(false);
  const [category, setCategory] = useState('');
  const [localErrors, setLocalErrors] = useState<Partial<Record<'title' | 'org' | 'personalData', string>>>({});
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const receiptHeading = useRef<HTMLHeadingElement>(null);
  // After a refused submit, focus to the first field with an error, or else to the message above the fields.
  const { form, message, refused } = useRefusalFocus();
  const categories = useQuery(categoriesQuery(org || null));
  const template = categories.data?.find((c) => c.name === category);

  useEffect(() => {
    if (receipt) receiptHeading.current?.focus();
  }, [receipt]);

  const submit = useSubmit(async (body: QuickReport) => api.post<Receipt>('/incidents/quick', body));
  const fe = (f: string) => (localErrors as Record<string, string | undefined>)[f] ?? fieldError(submit.error, f, i18n.language);
  // Errors shown at the fields: the browser's own checks, or the server's for the fields it named.
  const serverFieldErrors = submit.error instanceof ApiError ? Object.keys(submit.error.fieldMessages(i18n.language)).filter((f) => FIELDS.includes(f)).length : 0;
  const errorCount = Object.keys(localErrors).length || serverFieldErrors;

  function chooseCategory(name: string) {
    setCategory(name);
    const tpl = categories.data?.find((c) => c.name === name);
    // The template prefills what the reporter has not answered yet.
    if (tpl?.personalData && personalData === '') setPersonalData(tpl.personalData);
    if (tpl && !title.trim()) setTitle(tpl.name);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    // Every missing answer at once, before anything is sent.
    const missing: typeof localErrors = {};
    if (!title.trim()) missing.title = t('report.titleRequired');
    if (!org) missing.org = t('report.orgRequired');
    if (!personalData) missing.personalData = t('report.personalDataRequired');
    setLocalErrors(missing);
    if (!personalData || Object.keys(missing).length > 0) {
      submit.reset();
      refused();
      return;
    }
    const r = await submit.run({
      title: title.trim(),
      description: description.trim() || undefined,
      occurredAt: occurredAt || undefined,
      org,
      personalData,
      category: category || undefined,
      ...(protectedIdentity ? { protectedIdentity: true } : {}),
    });
    if (r) setReceipt(r);
    else refused();
  }

  function again() {
    setReceipt(null);
    setTitle('');
    setDescription('');
    setOccurredAt(toTimeValue(new Date()));
    setPersonalData('');
    setProtectedIdentity(false);
    setCategory('');
    setLocalErrors({});
    submit.reset();
  }

  if (receipt) {
    return (
      <Stack maw={720}>
        <Title order={1} ref={receiptHeading} tabIndex={-1}>
          {t('receipt.title')}
        </Title>
        <Paper withBorder p="md" role="status">
          <Text>{t('receipt.number')}</Text>
          <Text fz={28} fw={700} data-testid="receipt-number">
            {receipt.number}
          </Text>
          <Text size="sm">{t('receipt.reportedAt', { at: formatDateTime(receipt.reportedAt) })}</Text>
        </Paper>
        <Title order={2} size="h3">
          {t('receipt.nextTitle')}
        </Title>
        <List>
          <List.Item>{t('receipt.next1')}</List.Item>
          <List.Item>{t('receipt.next2')}</List.Item>
          <List.Item>{t('receipt.next3')}</List.Item>
        </List>
        <Group>
          <Button onClick={again}>{t('receipt.again')}</Button>
          <Anchor component={Link} to={`/incidenter/${receipt.id}`}>
            {t('receipt.open')}
          </Anchor>
          {/* Where to find it again: one's own reports, or the register for those who read incidents. */}
          {can('incident.read') ? (
            <Anchor component={Link} to="/incidenter">
              {t('receipt.toRegister')}
            </Anchor>
          ) : (
            <Anchor component={Link} to="/mina-rapporter">
              {t('receipt.toMine')}
            </Anchor>
          )}
        </Group>
        <Text size="sm">{can('incident.read') ? t('receipt.findRegister') : t('receipt.findMine')}</Text>
      </Stack>
    );
  }

  return (
    <Stack maw={720}>
      <Title order={1}>{t('report.title')}</Title>
      <Text>{t('report.intro')}</Text>
      <form ref={form} onSubmit={onSubmit} noValidate aria-label={t('report.title')}>
        <Stack>
          {/* Announced when a submit is refused; each message stands at its field, where focus goes. */}
          <div role="alert">
            {errorCount > 0 && (
              <Alert color="red" title={t('report.notSent')} role="group">
                {t('report.fixErrors', { count: errorCount })}
              </Alert>
            )}
          </div>
          <ProblemAlert ref={message} error={submit.error} fields={FIELDS} />
          <TextInput
            label={t('report.what')}
            description={t('report.whatHelp')}
            required
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fe('title')}
          />
          <Textarea
            label={t('report.description')}
            description={t('report.descriptionHelp')}
            autosize
            minRows={3}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fe('description')}
          />
          {/* Side by side from 576 px; stacked on a phone, where the unit's name would be cut off. */}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <StockholmTimeInput
              label={t('report.when')}
              description={t('report.whenHelp')}
              value={occurredAt}
              onChange={setOccurredAt}
              error={fe('occurredAt')}
            />
            <NativeSelect
              label={t('report.unit')}
              required
              value={org}
              onChange={(e) => setOrg(e.currentTarget.value)}
              data={orgs.map((o) => ({ value: o.slug, label: o.name }))}
              error={fe('org')}
            />
          </SimpleGrid>
          <Radio.Group
            label={t('report.personalData')}
            description={t('report.personalDataHelp')}
            required
            value={personalData}
            onChange={(v) => setPersonalData(v as PersonalData)}
            error={fe('personalData')}
          >
            <Group mt="xs">
              <Radio value="ja" label={t('pd.ja')} />
              <Radio value="nej" label={t('pd.nej')} />
              <Radio value="vet_ej" label={t('pd.vet_ej')} />
            </Group>
          </Radio.Group>
          <Checkbox
            label={t('report.protectedIdentity')}
            description={t('report.protectedIdentityHelp')}
            checked={protectedIdentity}
            onChange={(e) => setProtectedIdentity(e.currentTarget.checked)}
          />
          <NativeSelect
            label={t('report.category')}
            description={t('report.categoryHelp')}
            value={category}
            onChange={(e) => chooseCategory(e.currentTarget.value)}
            data={[{ value: '', label: t('report.noCategory') }, ...(categories.data ?? []).map((c) => ({ value: c.name, label: c.name }))]}
            error={fe('category')}
          />
          {template && (
            <Alert color="blue" variant="light" title={t('report.templateTitle')}>
              {template.assessmentText && <Text size="sm">{template.assessmentText}</Text>}
              {template.firstActions.length > 0 && (
                <>
                  <Text size="sm" fw={700} mt="xs">
                    {t('report.firstActions')}
                  </Text>
                  <List size="sm">
                    {template.firstActions.map((a) => (
                      <List.Item key={a}>{a}</List.Item>
                    ))}
                  </List>
                </>
              )}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={submit.busy} disabled={!can('incident.report')}>
              {t('report.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
