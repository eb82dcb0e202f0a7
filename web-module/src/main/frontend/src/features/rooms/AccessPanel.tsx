import { Anchor, Badge, Button, Group, List, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import {
  MAX_GRANTS, PERMISSIONS, addable, grantsAbove, grantsAt, principalKey, removeGrant, sameGrants, setGrant, toRequest,
  type Grant, type Permission, type Principal,
} from './grants';
import { keys, useGrants, useGroups, useMembers } from './queries';
import { EffectivePermissions } from './EffectivePermissions';
import { findNode, folders, type TreeNode } from './tree';
import classes from './rooms.module.css';

const ROOM = '';

/**
 * Who may do what in the room, per scope (the whole room or one folder): the grants of that scope, to add,
 * change and remove for members and groups, saved as the room's whole list (PUT replaces it atomically).
 * The grants on the folders above are shown as they are; each member's effective permission at the scope, with its
 * reason, comes from the server (`GET .../effective-permissions`, refreshed after a save), never computed here.
 */
export function AccessPanel(props: { roomId: string; root: TreeNode; scope: string | null; onScope: (scope: string | null) => void }) {
  const { roomId, root, scope } = props;
  const { t } = useTranslation('rooms');
  const queryClient = useQueryClient();
  const grants = useGrants(roomId, true);
  const members = useMembers();
  const groups = useGroups();
  const [draft, setDraft] = useState<Grant[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [adding, setAdding] = useState<{ who: string; permission: Permission }>({ who: '', permission: 'VIEW' });

  if (grants.isPending) return <Loading label={t('access.loading')} />;
  if (grants.isError) return <ProblemAlert error={grants.error} />;

  const server = grants.data as Grant[];
  const current = draft ?? server;
  const dirty = draft !== null && !sameGrants(draft, server);
  const here = grantsAt(current, scope);
  const scopeNode = scope ? findNode(root, scope) : null;
  const ancestors: (string | null)[] = scopeNode
    ? [...scopeNode.ancestors.slice(1).map((n) => n.id).reverse(), null]
    : [];
  const above = grantsAbove(current, ancestors);

  const memberList = members.data ?? [];
  const groupList = groups.data ?? [];
  const labelOf = (principal: Principal): string => {
    if (principal.type === 'USER') {
      const member = memberList.find((m) => m.userId === principal.id);
      return member ? t('access.member', { name: member.displayName, email: member.email }) : t('access.unknownUser');
    }
    return groupList.find((g) => g.id === principal.id)?.name ?? t('access.unknownGroup');
  };
  const folderName = (id: string | null) => (id ? (findNode(root, id)?.node.name ?? '') : root.name);

  const candidates: Principal[] = [
    ...memberList.map((m) => ({ type: 'USER' as const, id: m.userId })),
    ...groupList.map((g) => ({ type: 'GROUP' as const, id: g.id })),
  ];
  const free = addable(current, scope, candidates);
  const whoData = [
    { value: '', label: t('access.choose') },
    ...(free.some((p) => p.type === 'USER')
      ? [{ group: t('access.people'), items: free.filter((p) => p.type === 'USER').map((p) => ({ value: principalKey(p), label: labelOf(p) })) }]
      : []),
    ...(free.some((p) => p.type === 'GROUP')
      ? [{ group: t('access.groups'), items: free.filter((p) => p.type === 'GROUP').map((p) => ({ value: principalKey(p), label: labelOf(p) })) }]
      : []),
  ];
  const permissionData = PERMISSIONS.map((p) => ({ value: p, label: t(`permission.${p}`) }));

  const change = (next: Grant[]) => {
    setDraft(next);
    setSaved(false);
  };

  function add(event: FormEvent) {
    event.preventDefault();
    const principal = free.find((p) => principalKey(p) === adding.who);
    if (!principal) return;
    change(setGrant(current, principal, scope, adding.permission));
    setAdding({ who: '', permission: adding.permission });
  }

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const answer = await unwrap(api.PUT('/api/v1/datarooms/{id}/grants', { params: { path: { id: roomId } }, body: toRequest(current) }));
      queryClient.setQueryData(keys.grants(roomId), answer);
      setDraft(null);
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: keys.tree(roomId) });
      void queryClient.invalidateQueries({ queryKey: keys.effectiveAll(roomId) });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const scopeData = [
    { value: ROOM, label: t('access.wholeRoom', { name: root.name }) },
    ...folders(root).map((f) => ({ value: f.node.id, label: `${f.node.index} ${f.path}` })),
  ];

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('access.title')}
      </Title>
      <Text size="sm">{t('access.intro')}</Text>
      <NativeSelect
        label={t('access.scope')}
        data={scopeData}
        value={scope ?? ROOM}
        onChange={(e) => props.onScope(e.currentTarget.value === ROOM ? null : e.currentTarget.value)}
        data-testid="access-scope"
      />
      <Text size="sm">
        {t('access.yourPermission', {
          permission: t(`permission.${scopeNode ? scopeNode.node.myPermission : root.myPermission}`),
        })}
      </Text>
      {members.data === null && <Text size="sm" c="dimmed">{t('access.membersHidden')}</Text>}
      <ProblemAlert error={members.error ?? groups.error} />

      <div className={classes.tableScroll}>
        <Table aria-label={t('access.tableLabel', { name: folderName(scope) })} data-testid="grants-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('access.who')}</Table.Th>
              <Table.Th>{t('access.permission')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('access.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {here.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text size="sm" c="dimmed">
                    {scope ? t('access.noneHereFolder') : t('access.noneHere')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              here.map((grant) => {
                const label = labelOf(grant.principal);
                return (
                  <Table.Tr key={principalKey(grant.principal)} data-testid="grant-row">
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Badge variant="light" color="gray" size="sm">
                          {t(grant.principal.type === 'USER' ? 'access.person' : 'access.group')}
                        </Badge>
                        <Text size="sm">{label}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('access.permissionOf', { name: label })}
                        data={permissionData}
                        value={grant.permission}
                        onChange={(e) => change(setGrant(current, grant.principal, scope, e.currentTarget.value as Permission))}
                        size="xs"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => change(removeGrant(current, grant.principal, scope))}
                        aria-label={t('access.removeNamed', { name: label })}
                      >
                        {t('access.remove')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })
            )}
          </Table.Tbody>
        </Table>
      </div>

      <form onSubmit={add} aria-label={t('access.addLabel')}>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('access.addWho')}
            data={whoData}
            value={adding.who}
            onChange={(e) => setAdding({ ...adding, who: e.currentTarget.value })}
            data-testid="grant-who"
          />
          <NativeSelect
            label={t('access.addPermission')}
            data={permissionData}
            value={adding.permission}
            onChange={(e) => setAdding({ ...adding, permission: e.currentTarget.value as Permission })}
            data-testid="grant-permission"
          />
          <Button type="submit" variant="default" disabled={!adding.who || current.length >= MAX_GRANTS}>
            {t('access.add')}
          </Button>
        </Group>
      </form>

      <Group>
        <Button onClick={() => void save()} disabled={!dirty} loading={saving}>
          {t('access.save')}
        </Button>
        <Button variant="default" onClick={() => change(server)} disabled={!dirty}>
          {t('access.discard')}
        </Button>
        <div role="status" aria-live="polite">
          {dirty ? (
            <Text size="sm">{t('access.unsaved')}</Text>
          ) : saved ? (
            <Text size="sm">{t('access.saved')}</Text>
          ) : null}
        </div>
      </Group>
      <ProblemAlert error={error} overrides={{ forbidden: 'rooms:access.forbidden' }} />

      {above.length > 0 && (
        <section aria-labelledby="grants-above">
          <Text id="grants-above" fw={600} size="sm">
            {t('access.above')}
          </Text>
          <List size="sm">
            {above.map((entry) => (
              <List.Item key={entry.folderId ?? ROOM}>
                {t('access.aboveAt', { name: folderName(entry.folderId) })}{' '}
                {entry.grants.map((g) => `${labelOf(g.principal)}: ${t(`permission.${g.permission}`)}`).join('; ')}
              </List.Item>
            ))}
          </List>
        </section>
      )}
      <EffectivePermissions roomId={roomId} root={root} scope={scope} members={memberList} groups={groupList} unsaved={dirty} />
      <Text size="sm" c="dimmed">
        {t('access.rules')}{' '}
        <Anchor component={Link} to="/rooms/groups" size="sm" underline="always">
          {t('groups.manage')}
        </Anchor>
      </Text>
    </Stack>
  );
}
