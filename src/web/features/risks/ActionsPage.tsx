import { useState } from 'react';
import { Alert, Anchor, Checkbox, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Register, type RegisterColumn } from '../../components/Register';
import { formatDate } from '../../format';
import { ScopeSwitch, useOrgScope } from '../../components/ScopeSwitch';
import { useSelectedOrg } from '../../shell/org-context';
import { useSearchFlag } from '../../shell/search';
import { ActionStatusBadge } from './badges';
import { SubNav } from './SubNav';
import type { ActionList, ActionListItem } from './types';

/** Server page size (the endpoint's maximum); "Load more" fetches the next page by keyset cursor. */
const PAGE = 500;

/**
 * Åtgärder across the risk area of the selected organisation and its subtree: VoR (every year; one carried into the
 * next year's VoR stands there), the register, RSA activities, continuity plans and exercises — one query, `GET /api/risks/actions`,
 * sorted by due date (none last) and title. The start page links here for overdue ones (`?forsenade=1`, with `alla=1`
 * when no one organisation covers them): one who reads several separate trees chooses between the selected
 * organisation and all of theirs, and then each action names its organisation.
 */
export default function ActionsPage() {
  const { t } = useTranslation('risks');
  const { selected, selectedSlug } = useSelectedOrg();
  const overdueFromLink = useSearchFlag('forsenade');
  const [onlyOverdue, setOnlyOverdue] = useState(overdueFromLink);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const scope = useOrgScope();
  const all = scope.all;

  const source = (r: ActionListItem) =>
    r.source.kind === 'register' ? t('sub.register') : r.source.kind === 'continuity_plan' ? t('continuity.plans') : r.source.kind === 'exercise' ? t('continuity.exercises') : r.source.label;

  const columns: RegisterColumn<ActionListItem>[] = [
    { key: 'title', header: t('actions.field.title'), value: (r) => r.title },
    { key: 'owner', header: t('actions.field.owner'), value: (r) => r.owner },
    { key: 'due', header: t('actions.field.dueDate'), value: (r) => r.dueDate ?? '', render: (r) => <span className="nowrap">{formatDate(r.dueDate)}</span> },
    { key: 'status', header: t('actions.field.status'), value: (r) => t(`actionStatus.${r.status}`) + (r.overdue ? ` (${t('overdue')})` : ''), render: (r) => <ActionStatusBadge action={r} /> },
    { key: 'source', header: t('actions.source'), value: source, render: (r) => <Anchor component={Link} to={r.link} className="wrap-long">{source(r)}</Anchor> },
    { key: 'parent', header: t('actions.parent'), value: (r) => r.parent.title, render: (r) => <div className="wrap-long">{r.parent.title}</div> },
    ...(all ? [{ key: 'org', header: t('actions.org'), value: (r: ActionListItem) => r.source.org.name, render: (r: ActionListItem) => <div className="wrap-long">{r.source.org.name}</div> }] : []),
  ];

  return (
    <Stack>
      <Title order={1}>{t('actions.pageTitle')}</Title>
      <SubNav />
      {!selected || !selectedSlug ? (
        <Alert color="orange">{t('needOrg')}</Alert>
      ) : (
        <>
          <ScopeSwitch {...scope} />
          <Text>{all ? t('actions.introAll') : t('actions.intro', { org: selected.name })}</Text>
          <Register<ActionListItem, string>
            label={t('actions.pageTitle')}
            columns={columns}
            rowKey={(r) => r.id}
            queryKey={['risks', 'actions', all ? null : selectedSlug, onlyOpen, onlyOverdue]}
            fetchPage={(cursor) =>
              api.get<ActionList>('/risks/actions', { org: all ? undefined : selectedSlug, status: onlyOpen ? 'open' : 'all', overdue: onlyOverdue ? 'true' : undefined, limit: PAGE, cursor })
            }
            exportName="riskatgarder"
            emptyText={t('actions.noneFound')}
            toolbar={
              <>
                <Checkbox label={t('actions.onlyOverdue')} checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.currentTarget.checked)} mb={8} />
                <Checkbox label={t('actions.onlyOpen')} checked={onlyOpen} onChange={(e) => setOnlyOpen(e.currentTarget.checked)} mb={8} />
              </>
            }
          />
        </>
      )}
    </Stack>
  );
}
