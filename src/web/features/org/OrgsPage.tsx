import { useState } from 'react';
import { Alert, Button, Card, Grid, Group, Loader, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../api/types';
import { useSession } from '../../auth/session';
import { errorMessage, ProblemAlert } from '../../components/problem';
import { useSubmit } from '../../components/useSubmit';
import { orgsQuery } from '../../shell/org-context';
import { OrgTree } from './OrgTree';
import { CreateOrgModal, MoveOrgModal, RenameOrgModal, useOrgMutations } from './OrgForms';
import { GroupsPanel } from './GroupsPanel';

type Dialog = { kind: 'createRoot' } | { kind: 'createChild' | 'rename' | 'move'; org: Org } | null;

/** Organisationer: the tree (create child, rename, move, archive) and the samverkansgrupper. */
export default function OrgsPage() {
  const { t } = useTranslation('org');
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Tabs defaultValue="tree" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="tree">{t('tabs.tree')}</Tabs.Tab>
          <Tabs.Tab value="groups">{t('tabs.groups')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tree" pt="md">
          <TreePanel />
        </Tabs.Panel>
        <Tabs.Panel value="groups" pt="md">
          <GroupsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function TreePanel() {
  const { t, i18n } = useTranslation('org');
  const { can } = useSession();
  const manage = can('org.manage');
  const [showArchived, setShowArchived] = useState(false);
  const query = useQuery(orgsQuery(showArchived));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const orgs = query.data ?? [];
  const selected = orgs.find((o) => o.id === selectedId) ?? null;
  const { update, refresh } = useOrgMutations();
  const archive = useSubmit(update);

  const done = (o: Org) => {
    setDialog(null);
    setSelectedId(o.id);
  };

  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack>
          <Group justify="space-between">
            <Switch label={t('showArchived')} checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
            {manage && (
              <Button variant="default" size="sm" onClick={() => setDialog({ kind: 'createRoot' })}>
                {t('create.root')}
              </Button>
            )}
          </Group>
          {query.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
          {query.isError && (
            <Alert color="red" role="alert">
              {errorMessage(query.error, i18n.language)}
            </Alert>
          )}
          {query.isSuccess && orgs.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
          {orgs.length > 0 && <OrgTree orgs={orgs} selectedId={selectedId} onSelect={(o) => setSelectedId(o.id)} label={t('treeLabel')} />}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        {selected ? (
          <Card withBorder component="section" aria-labelledby="org-detail-title">
            <Stack gap="xs">
              <Title order={2} size="h3" id="org-detail-title">
                {selected.name}
              </Title>
              <Text size="sm">
                {t('fields.type')}: {t(`common:orgTypes.${selected.type}`)}
              </Text>
              <Text size="sm">
                {t('fields.slug')}: <code>{selected.slug}</code>
              </Text>
              {(selected.controllerName || selected.controllerOrgNumber) && (
                <Text size="sm">
                  {t('fields.controller')}: {[selected.controllerName, selected.controllerOrgNumber && t('orgNumber', { number: selected.controllerOrgNumber })].filter(Boolean).join(', ')}
                </Text>
              )}
              {selected.archivedAt && <Text size="sm">{t('archivedNote')}</Text>}
              <ProblemAlert error={archive.error} onReload={() => void refresh()} />
              {manage && (
                <Group gap="xs" mt="sm">
                  {!selected.archivedAt && (
                    <Button size="sm" onClick={() => setDialog({ kind: 'createChild', org: selected })}>
                      {t('create.child')}
                    </Button>
                  )}
                  <Button size="sm" variant="default" onClick={() => setDialog({ kind: 'rename', org: selected })}>
                    {t('rename.open')}
                  </Button>
                  {selected.parentId && (
                    <Button size="sm" variant="default" onClick={() => setDialog({ kind: 'move', org: selected })}>
                      {t('move.open')}
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="default"
                    loading={archive.busy}
                    onClick={() => {
                      if (!selected.archivedAt) setShowArchived(true);
                      void archive.run(selected.slug, { version: selected.version, archived: !selected.archivedAt });
                    }}
                  >
                    {selected.archivedAt ? t('unarchive') : t('archive')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        ) : (
          // Only those who may change organisations are told they can.
          orgs.length > 0 && <Text c="dimmed">{manage ? t('selectHint') : t('selectHintRead')}</Text>
        )}
      </Grid.Col>
      {dialog?.kind === 'createRoot' && <CreateOrgModal parent={null} onClose={() => setDialog(null)} onCreated={done} />}
      {dialog?.kind === 'createChild' && <CreateOrgModal parent={dialog.org} onClose={() => setDialog(null)} onCreated={done} />}
      {dialog?.kind === 'rename' && <RenameOrgModal org={dialog.org} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === 'move' && <MoveOrgModal org={dialog.org} orgs={orgs} onClose={() => setDialog(null)} onSaved={done} />}
    </Grid>
  );
}
