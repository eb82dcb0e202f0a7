import { Anchor, Button, Checkbox, Group as Row, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { hasRole } from '../../app/areas';
import { useMe } from '../../app/auth/AuthProvider';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { ConfirmDialog, NameDialog } from './dialogs';
import { keys, useGroups, useMembers, type Group } from './queries';
import classes from './rooms.module.css';

/** The tenant's reusable groups (for grants): everyone lists them; ADMIN+ create, delete and set their members. */
export function GroupsPage() {
  const { t } = useTranslation(['rooms', 'common']);
  const me = useMe();
  const admin = hasRole(me.role, 'ADMIN');
  const queryClient = useQueryClient();
  const groups = useGroups();
  const members = useMembers();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const [editing, setEditing] = useState<Group | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.groups });

  return (
    <>
      <Anchor component={Link} to="/rooms" size="sm">
        {t('room.back')}
      </Anchor>
      <div className={classes.header}>
        <Title order={1}>{t('groups.title')}</Title>
        {admin && <Button onClick={() => setCreating(true)}>{t('groups.create')}</Button>}
      </div>
      <Text mb="md" size="sm">
        {t('groups.intro')}
      </Text>
      {groups.isPending ? (
        <Loading label={t('groups.loading')} />
      ) : groups.isError ? (
        <ProblemAlert error={groups.error} />
      ) : groups.data.length === 0 ? (
        <Text>{t('groups.empty')}</Text>
      ) : (
        <div className={classes.tableScroll}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('groups.name')}</Table.Th>
                <Table.Th>{t('groups.members')}</Table.Th>
                {admin && (
                  <Table.Th>
                    <VisuallyHidden>{t('groups.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.data.map((group) => (
                <Table.Tr key={group.id}>
                  <Table.Td>{group.name}</Table.Td>
                  <Table.Td>{t('groups.memberCount', { count: group.members.length })}</Table.Td>
                  {admin && (
                    <Table.Td>
                      <Row gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing(group)} aria-label={t('groups.editNamed', { name: group.name })}>
                          {t('groups.edit')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(group)} aria-label={t('groups.deleteNamed', { name: group.name })}>
                          {t('groups.delete')}
                        </Button>
                      </Row>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}

      <NameDialog
        opened={creating}
        title={t('groups.createTitle')}
        label={t('groups.name')}
        submitLabel={t('groups.create')}
        overrides={{ conflict: 'rooms:groups.nameTaken' }}
        onClose={() => setCreating(false)}
        onSubmit={async (name) => {
          await unwrap(api.POST('/api/v1/groups', { body: { name } }));
          await refresh();
        }}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('groups.deleteTitle')}
        body={t('groups.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('groups.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await unwrap(api.DELETE('/api/v1/groups/{id}', { params: { path: { id: deleting!.id } } }));
          await refresh();
        }}
      />
      <MembersDialog
        group={editing}
        members={members.data ?? []}
        onClose={() => setEditing(null)}
        onSave={async (group, ids) => {
          await unwrap(api.PUT('/api/v1/groups/{id}/members', { params: { path: { id: group.id } }, body: ids }));
          await refresh();
        }}
      />
    </>
  );
}

function MembersDialog(props: {
  group: Group | null;
  members: { userId: string; displayName: string; email: string }[];
  onClose: () => void;
  onSave: (group: Group, ids: string[]) => Promise<unknown>;
}) {
  const { t } = useTranslation('rooms');
  const [chosen, setChosen] = useState<string[]>([]);
  const [forGroup, setForGroup] = useState<Group | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (forGroup !== props.group) {
    setForGroup(props.group);
    setChosen(props.group?.members ?? []);
    setError(null);
  }
  async function save() {
    if (!props.group) return;
    setBusy(true);
    setError(null);
    try {
      await props.onSave(props.group, chosen);
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      lockScroll={false}
      opened={props.group !== null}
      onClose={props.onClose}
      title={t('groups.membersTitle', { name: props.group?.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      <Stack>
        {props.members.length === 0 ? (
          <Text size="sm">{t('groups.noMembers')}</Text>
        ) : (
          <Checkbox.Group label={t('groups.members')} value={chosen} onChange={setChosen}>
            <Stack gap="xs" mt="xs">
              {props.members.map((m) => (
                <Checkbox key={m.userId} value={m.userId} label={`${m.displayName} (${m.email})`} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <ProblemAlert error={error} />
        <Row justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('dialog.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            {t('dialog.save')}
          </Button>
        </Row>
      </Stack>
    </Modal>
  );
}
