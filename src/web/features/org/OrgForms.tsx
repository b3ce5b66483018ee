import { useState, type FormEvent } from 'react';
import { Button, Fieldset, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { api } from '../../api/client';
import type { CreateOrg, Org, OrgType, UpdateOrg } from '../../api/types';
import { fieldError, ProblemAlert } from '../../components/problem';
import { slugify, useSubmit } from '../../components/useSubmit';
import { CHILD_TYPES, moveTargets, ROOT_TYPES } from './orgTypes';

export function useOrgMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['orgs'] });
  return {
    refresh,
    create: async (input: CreateOrg) => {
      const org = await api.post<Org>('/orgs', input);
      await refresh();
      return org;
    },
    update: async (slug: string, input: UpdateOrg) => {
      const org = await api.patch<Org>(`/orgs/${encodeURIComponent(slug)}`, input);
      await refresh();
      return org;
    },
  };
}

/** The personuppgiftsansvarig (nämnd and organisationsnummer) of an organisation, in the create and the edit dialog. */
function ControllerFields({ name, orgNumber, onName, onOrgNumber, error }: {
  name: string;
  orgNumber: string;
  onName: (v: string) => void;
  onOrgNumber: (v: string) => void;
  error: unknown;
}) {
  const { t, i18n } = useTranslation('org');
  return (
    <Fieldset legend={t('fields.controller')} variant="unstyled">
      <Stack>
        <TextInput
          label={t('fields.controllerName')}
          description={t('fields.controllerNameHelp')}
          value={name}
          maxLength={200}
          onChange={(e) => onName(e.currentTarget.value)}
          error={fieldError(error, 'controllerName', i18n.language)}
        />
        <TextInput
          label={t('fields.controllerOrgNumber')}
          description={t('fields.controllerOrgNumberHelp')}
          value={orgNumber}
          maxLength={11}
          inputMode="numeric"
          autoComplete="off"
          onChange={(e) => onOrgNumber(e.currentTarget.value)}
          error={fieldError(error, 'controllerOrgNumber', i18n.language)}
        />
      </Stack>
    </Fieldset>
  );
}

/** Create a top-level organisation (parent = null) or a child of `parent`; types restricted to valid ones. */
export function CreateOrgModal({ parent, onClose, onCreated }: { parent: Org | null; onClose: () => void; onCreated: (o: Org) => void }) {
  const { t, i18n } = useTranslation('org');
  const { create } = useOrgMutations();
  const types = parent ? CHILD_TYPES[parent.type] : ROOT_TYPES;
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [type, setType] = useState<OrgType>(types[0]);
  const [controllerName, setControllerName] = useState('');
  const [controllerOrgNumber, setControllerOrgNumber] = useState('');
  const { run, busy, error } = useSubmit(create);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const org = await run({
      name, slug, type, parent: parent?.slug ?? null,
      ...(controllerName.trim() ? { controllerName: controllerName.trim() } : {}),
      ...(controllerOrgNumber.trim() ? { controllerOrgNumber: controllerOrgNumber.trim() } : {}),
    });
    if (org) onCreated(org);
  }
  return (
    <Dialog opened onClose={onClose} title={parent ? t('create.childTitle', { parent: parent.name }) : t('create.rootTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert
            error={error}
            fields={['name', 'slug', 'type', 'controllerName', 'controllerOrgNumber']}
            labels={{ controllerName: t('fields.controllerName'), controllerOrgNumber: t('fields.controllerOrgNumber') }}
          />
          <TextInput
            label={t('fields.name')}
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setName(v);
              if (!slugTouched) setSlug(slugify(v));
            }}
            error={fieldError(error, 'name', i18n.language)}
          />
          <TextInput
            label={t('fields.slug')}
            description={t('fields.slugHelp')}
            required
            value={slug}
            onChange={(e) => {
              setSlugTouched(true);
              setSlug(e.currentTarget.value);
            }}
            error={fieldError(error, 'slug', i18n.language)}
          />
          <NativeSelect
            label={t('fields.type')}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as OrgType)}
            data={types.map((ty) => ({ value: ty, label: t(`common:orgTypes.${ty}`) }))}
            error={fieldError(error, 'type', i18n.language) ?? fieldError(error, 'parent', i18n.language)}
          />
          <ControllerFields name={controllerName} orgNumber={controllerOrgNumber} onName={setControllerName} onOrgNumber={setControllerOrgNumber} error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** The controller fields as the API takes them: an emptied field clears (null), an unchanged one is not sent. */
export function controllerChanges(org: Pick<Org, 'controllerName' | 'controllerOrgNumber'>, name: string, number: string): Pick<UpdateOrg, 'controllerName' | 'controllerOrgNumber'> {
  const n = name.trim() || null;
  const nr = number.trim() || null;
  return {
    ...(n !== org.controllerName ? { controllerName: n } : {}),
    ...(nr !== org.controllerOrgNumber ? { controllerOrgNumber: nr } : {}),
  };
}

/** Edit: name and slug, and the personuppgiftsansvarig (nämnd and organisationsnummer). */
export function RenameOrgModal({ org, onClose, onSaved }: { org: Org; onClose: () => void; onSaved: (o: Org) => void }) {
  const { t, i18n } = useTranslation('org');
  const { update, refresh } = useOrgMutations();
  const [name, setName] = useState(org.name);
  const [slug, setSlug] = useState(org.slug);
  const [controllerName, setControllerName] = useState(org.controllerName ?? '');
  const [controllerOrgNumber, setControllerOrgNumber] = useState(org.controllerOrgNumber ?? '');
  const { run, busy, error } = useSubmit(update);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await run(org.slug, {
      version: org.version,
      ...(name !== org.name ? { name } : {}),
      ...(slug !== org.slug ? { slug } : {}),
      ...controllerChanges(org, controllerName, controllerOrgNumber),
    });
    if (saved) onSaved(saved);
  }
  return (
    <Dialog opened onClose={onClose} title={t('rename.title', { name: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert
            error={error}
            fields={['name', 'slug', 'controllerName', 'controllerOrgNumber']}
            labels={{ controllerName: t('fields.controllerName'), controllerOrgNumber: t('fields.controllerOrgNumber') }}
            onReload={() => void refresh().then(onClose)}
          />
          <TextInput label={t('fields.name')} required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(error, 'name', i18n.language)} />
          <TextInput label={t('fields.slug')} description={t('fields.slugHelp')} required value={slug} onChange={(e) => setSlug(e.currentTarget.value)} error={fieldError(error, 'slug', i18n.language)} />
          <ControllerFields name={controllerName} orgNumber={controllerOrgNumber} onName={setControllerName} onOrgNumber={setControllerOrgNumber} error={error} />
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

/** Move under another parent (only parents whose type accepts this org's type). */
export function MoveOrgModal({ org, orgs, onClose, onSaved }: { org: Org; orgs: Org[]; onClose: () => void; onSaved: (o: Org) => void }) {
  const { t, i18n } = useTranslation('org');
  const { update, refresh } = useOrgMutations();
  const targets = moveTargets(org, orgs);
  const [parent, setParent] = useState(targets[0]?.slug ?? '');
  const { run, busy, error } = useSubmit(update);
  const minDepth = Math.min(...orgs.map((o) => o.depth));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await run(org.slug, { version: org.version, parent });
    if (saved) onSaved(saved);
  }
  return (
    <Dialog opened onClose={onClose} title={t('move.title', { name: org.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={['parent']} onReload={() => void refresh().then(onClose)} />
          {targets.length === 0 ? (
            <p>{t('move.none')}</p>
          ) : (
            <NativeSelect
              label={t('move.newParent')}
              data-autofocus
              value={parent}
              onChange={(e) => setParent(e.currentTarget.value)}
              data={targets.map((o) => ({ value: o.slug, label: `${'\u00a0\u00a0'.repeat(o.depth - minDepth)}${o.name} (${t(`common:orgTypes.${o.type}`)})` }))}
              error={fieldError(error, 'parent', i18n.language)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={targets.length === 0}>
              {t('move.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
