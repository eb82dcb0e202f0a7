import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { useEffectivePermissions, type EffectivePermission, type Group, type Member } from './queries';
import { findNode, type TreeNode } from './tree';
import classes from './rooms.module.css';

/**
 * Each member's effective permission at the scope (the room or one folder) and why, as the server decides it
 * (`GET /datarooms/{id}/effective-permissions`, PERM-22): nothing is computed here, the reason is only put in words.
 */
export function EffectivePermissions(props: {
  roomId: string;
  root: TreeNode;
  scope: string | null;
  members: Member[];
  groups: Group[];
  unsaved: boolean;
}) {
  const { roomId, root, scope, members, groups } = props;
  const { t } = useTranslation('rooms');
  const effective = useEffectivePermissions(roomId, scope);
  const scopeName = scope ? (findNode(root, scope)?.node.name ?? '') : root.name;

  return (
    <Stack gap="xs" component="section" aria-labelledby="effective-title">
      <Text id="effective-title" fw={600}>
        {t('effective.title')}
      </Text>
      <Text size="sm">{t('effective.intro', { name: scopeName })}</Text>
      {props.unsaved && <Text size="sm">{t('effective.draft')}</Text>}
      {effective.isPending ? (
        <Loading label={t('effective.loading')} />
      ) : effective.isError ? (
        <ProblemAlert error={effective.error} />
      ) : (
        <div className={classes.tableScroll}>
          <Table aria-label={t('effective.tableLabel', { name: scopeName })} data-testid="effective-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('effective.who')}</Table.Th>
                <Table.Th>{t('effective.permission')}</Table.Th>
                <Table.Th>{t('effective.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {effective.data.items.map((entry) => (
                <Table.Tr key={entry.userId} data-testid="effective-row">
                  <Table.Td>{memberLabel(entry.userId, members, t)}</Table.Td>
                  <Table.Td>{t(`permission.${entry.permission}`)}</Table.Td>
                  <Table.Td>{reason(entry, root, groups, t)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

function memberLabel(userId: string, members: Member[], t: T): string {
  const member = members.find((m) => m.userId === userId);
  return member
    ? t('access.member', { name: member.displayName, email: member.email })
    : t('effective.anonymous', { id: userId.slice(0, 8) });
}

/** The reason in words: the role, the deciding grant (whose, and on which folder), or no grant at all. */
export function reason(entry: EffectivePermission, root: TreeNode, groups: Group[], t: T): string {
  if (entry.source === 'ROLE' || entry.source === 'NONE') return t(`effective.${entry.source}`);
  const group = entry.source === 'GROUP'
    ? (groups.find((g) => g.id === entry.groupId)?.name ?? t('access.unknownGroup'))
    : undefined;
  if (!entry.folderId) return t(`effective.${entry.source}_room`, { group });
  const folder = findNode(root, entry.folderId)?.node.name;
  return folder === undefined
    ? t(`effective.${entry.source}_hidden`, { group })
    : t(`effective.${entry.source}_folder`, { group, folder });
}
