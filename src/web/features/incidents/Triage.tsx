import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, NativeSelect, Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { handlerOptions, useHandlerDirectory } from './api';
import { reachableStatuses, readsIncidentAt } from './handlers';
import type { BulkUpdate, CategoryTemplate, IncidentListItem } from './types';
import { KIND_KEY, KINDS, STATUS_KEY } from './types';
import { BULK_MAX } from '../../../domains/incidents/model';

interface Refused {
  id: string;
  number: string;
  from: string;
  code: string;
  reason_sv: string;
  reason_en: string;
}

const KEEP = '__keep';
const NONE = '__none';

/**
 * Triage: set status / handler / kind / category on every selected incident in one step (all or nothing).
 * The lists offer only what can succeed as far as the browser knows: statuses at least one selected incident
 * may move to (domains/incidents/transitions.ts), and handlers who may read every selected incident. After
 * "Ändra markerade" focus moves to the result (done, or what was refused and why), not to the page.
 */
export function Triage({
  selected,
  directoryOrg,
  categories,
  onDone,
  onClear,
  onReload,
  onUnselect,
}: {
  selected: IncidentListItem[];
  /** The organisation whose users (with their roles) are offered beside those the server names (the list's). */
  directoryOrg: string | null;
  categories: CategoryTemplate[];
  onDone: (updated: number) => void;
  onClear: () => void;
  /** Reloads the list after a stale refusal; resolves to how many rows stay selected (with the data read now). */
  onReload: () => Promise<number>;
  /** Unticks these rows (the ones a refused step named). */
  onUnselect: (ids: string[]) => void;
}) {
  const { t, i18n } = useTranslation('incidents');
  const { me } = useSession();
  const en = i18n.language.startsWith('en');
  const [status, setStatus] = useState(KEEP);
  const [handler, setHandler] = useState(KEEP);
  const [kind, setKind] = useState(KEEP);
  const [category, setCategory] = useState(KEEP);
  const [done, setDone] = useState<string | null>(null);
  // The handler asked for in the last request (to explain a refusal), and a counter that moves focus to the result.
  const [asked, setAsked] = useState<{ handlerId: string | null | undefined; incidents: IncidentListItem[] } | null>(null);
  const [answered, setAnswered] = useState(0);
  const result = useRef<HTMLDivElement>(null);
  const submit = useSubmit((body: BulkUpdate) => api.post<{ updated: number }>('/incidents/bulk', body));
  // Someone else changed selected incidents since the list was read (409 stale_version): said apart, with a reload.
  const stale = submit.error instanceof ApiError && submit.error.isStale;
  const refused = submit.error instanceof ApiError && !stale ? ((submit.error.problem.refused as Refused[] | undefined) ?? []) : [];
  // Refused for the status asked for, or (field set.kind) for a change that would give a closed case a legal duty.
  const byStatus = !(submit.error instanceof ApiError) || submit.error.field !== 'set.kind';
  const keep = { value: KEEP, label: t('triage.keep') };
  const none = { value: NONE, label: t('triage.none') };
  const ids = selected.map((s) => s.id);
  // One step changes at most BULK_MAX (the server refuses more): checked boxes beyond that are said, not sent.
  const tooMany = ids.length > BULK_MAX;

  const statuses = reachableStatuses(selected.map((s) => s.status));
  // Those who may read every selected incident (the server names them for the selection's organisations, and only
  // readers of protected texts when a protected one is among them), not the people of the organisation picked above.
  const directory = useHandlerDirectory(directoryOrg, {
    orgIds: selected.map((s) => s.org.id), orgSlugs: selected.map((s) => s.org.slug), protectedIdentity: selected.some((s) => s.protectedIdentity),
  });
  const handlers = handlerOptions(directory, selected.map((s) => s.org.id), me.id);
  // A choice the new selection no longer allows falls back to "Oförändrad".
  const statusValue = status === KEEP || statuses.includes(status as (typeof statuses)[number]) ? status : KEEP;
  const handlerValue = handler === KEEP || handler === NONE || handlers.some((h) => h.value === handler) ? handler : KEEP;

  useEffect(() => {
    if (answered > 0) result.current?.focus();
  }, [answered]);

  // The sticky panel's height, so that the page scrolls a focused row out from under it (scroll-padding-top, app.css).
  const panel = useRef<HTMLElement>(null);
  const sticky = ids.length > 0;
  useEffect(() => {
    const el = panel.current;
    if (!sticky || !el) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--triage-height', `${Math.ceil(el.getBoundingClientRect().height)}px`));
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--triage-height');
    };
  }, [sticky]);

  async function apply(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const set: BulkUpdate['set'] = {};
    if (statusValue !== KEEP) set.status = statusValue as BulkUpdate['set']['status'];
    if (handlerValue !== KEEP) set.handlerId = handlerValue === NONE ? null : handlerValue;
    if (kind !== KEEP) set.kind = kind === NONE ? null : (kind as (typeof KINDS)[number]);
    if (category !== KEEP) set.category = category === NONE ? null : category;
    if (Object.keys(set).length === 0) {
      submit.setError(null);
      setDone(t('triage.nothing'));
      setAnswered((n) => n + 1);
      return;
    }
    setAsked({ handlerId: set.handlerId, incidents: selected });
    // The version each row was read at: the server refuses the step if any has changed since (optimistic locking).
    const r = await submit.run({ ids, versions: Object.fromEntries(selected.map((s) => [s.id, s.version])), set });
    if (r) {
      setDone(t('triage.done', { count: r.updated }));
      setStatus(KEEP);
      setHandler(KEEP);
      setKind(KEEP);
      setCategory(KEEP);
      onDone(r.updated);
    }
    setAnswered((n) => n + 1);
  }

  // Refused rows still ticked: one button unticks exactly those, so the rest can be changed (40 selected, 3 refused).
  const refusedSelected = refused.filter((r) => ids.includes(r.id));
  function unselectRefused() {
    onUnselect(refusedSelected.map((r) => r.id));
    submit.reset();
    setDone(t('triage.unselectedRefused', { count: refusedSelected.length }));
    setAnswered((n) => n + 1);
  }

  async function reload() {
    const kept = await onReload();
    submit.reset();
    setDone(t('triage.reloaded', { count: kept }));
    setAnswered((n) => n + 1);
  }

  // The server refuses a handler who may not read an incident without saying which: name them here.
  const cannotRead = submit.error instanceof ApiError && submit.error.code === 'user_cannot_read' && asked?.handlerId ? asked : null;
  const person = cannotRead ? directory.people.find((p) => p.id === cannotRead.handlerId) : undefined;
  const outOfReach = cannotRead
    ? (() => {
        const list = cannotRead.incidents.filter((i) => !person || readsIncidentAt(person.roles, directory.pathOf(i.org.id)) !== 'yes');
        return list.length ? list : cannotRead.incidents;
      })()
    : [];

  const outcome = (
    <div ref={result} tabIndex={-1} className="triage-result">
      {done && (
        <Text role="status" mt="xs" c="green.9">
          {done}
        </Text>
      )}
      {stale ? (
        <ProblemAlert error={submit.error} staleDetail onReload={() => void reload()} />
      ) : refused.length > 0 ? (
        <Alert color="red" title={t(byStatus ? 'triage.refusedTitle' : 'triage.refusedChangeTitle', { count: refused.length })} role="alert" mt="sm">
          <Text size="sm">{t(byStatus ? 'triage.refusedText' : 'triage.refusedChangeText')}</Text>
          <List size="sm" mt="xs">
            {refused.map((r) => (
              <List.Item key={r.id}>
                <strong>{r.number}</strong>: {en ? r.reason_en : r.reason_sv}
              </List.Item>
            ))}
          </List>
          {refusedSelected.length > 0 && (
            <Button size="xs" variant="outline" color="red.9" mt="sm" onClick={unselectRefused}>
              {t('triage.unselectRefused', { count: refusedSelected.length })}
            </Button>
          )}
        </Alert>
      ) : cannotRead ? (
        <Alert color="red" title={t('triage.handlerRefusedTitle', { name: person?.name ?? '' })} role="alert" mt="sm">
          <Text size="sm">{t('triage.handlerRefusedText', { name: person?.name ?? '', count: outOfReach.length })}</Text>
          <List size="sm" mt="xs">
            {outOfReach.map((i) => (
              <List.Item key={i.id}>
                <strong>{i.number}</strong> {i.title} ({i.org.name})
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <ProblemAlert error={submit.error} />
      )}
    </div>
  );

  // The selection's size, said when it changes (a box ticked, or all that match selected at once). First in both
  // forms below, so that it stays the same element and a screen reader hears each change.
  const selection = (
    <VisuallyHidden aria-live="polite" aria-atomic="true">
      {t('triage.selected', { count: ids.length })}
    </VisuallyHidden>
  );

  // Nothing selected: a line saying how, not a form of four lists that can do nothing (it pushed the list down).
  if (ids.length === 0) {
    return (
      <Paper withBorder p="sm" component="section" aria-labelledby="triage-title">
        {selection}
        <Title order={2} size="h4" id="triage-title">
          {t('triage.title', { count: 0 })}
        </Title>
        <Text size="sm" mt={4}>
          {t('triage.hint')}
        </Text>
        {outcome}
      </Paper>
    );
  }

  return (
    // Sticky while rows are ticked (app.css): rows far down the list can be changed without scrolling back up.
    <Paper withBorder p="sm" component="section" aria-labelledby="triage-title" className="triage-sticky" ref={panel}>
      {selection}
      <form onSubmit={apply}>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="triage-title">
            {t('triage.title', { count: ids.length })}
          </Title>
          {/* The last answer goes with the selection it was about ("52 incidenter är markerade" no longer holds). */}
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setDone(null);
              submit.reset();
              onClear();
            }}
          >
            {t('triage.clearSelection')}
          </Button>
        </Group>
        <Group align="flex-start" wrap="wrap" gap="sm">
          <NativeSelect
            label={t('triage.setStatus')}
            description={t('triage.statusHelp')}
            value={statusValue}
            onChange={(e) => setStatus(e.currentTarget.value)}
            data={[keep, ...statuses.map((s) => ({ value: s, label: t(`status.${STATUS_KEY[s]}`) }))]}
            w={200}
          />
          <NativeSelect
            label={t('triage.setHandler')}
            description={t('triage.handlerHelp')}
            value={handlerValue}
            onChange={(e) => setHandler(e.currentTarget.value)}
            data={[keep, none, ...handlers]}
            w={200}
          />
          <NativeSelect
            label={t('triage.setKind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={[keep, none, ...KINDS.map((k) => ({ value: k, label: t(`kind.${KIND_KEY[k]}`) }))]}
            w={170}
          />
          <NativeSelect
            label={t('triage.setCategory')}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            data={[keep, none, ...categories.map((c) => ({ value: c.name, label: c.name }))]}
            w={170}
          />
          <Button type="submit" loading={submit.busy} disabled={tooMany} style={{ alignSelf: 'flex-end' }}>
            {t('triage.apply')}
          </Button>
        </Group>
        {tooMany && (
          <Text size="sm" c="red.9" mt="xs" role="status">
            {t('triage.tooMany', { count: ids.length, max: BULK_MAX })}
          </Text>
        )}
      </form>
      {outcome}
    </Paper>
  );
}
