import { Alert, Button, Group, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useMe } from '../../app/auth/AuthProvider';
import { ListState } from '../../app/ui/ListState';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import ui from '../../app/ui/ui.module.css';

type Member = Schemas['Member'];
type Role = Member['role'];
const ROLES: Role[] = ['OWNER', 'ADMIN', 'MEMBER'];

export const membersQuery = {
  queryKey: ['members'],
  queryFn: () => unwrap(api.GET('/api/v1/members')),
};

/** Members: the list, a role per person (PATCH), removal (DELETE) after a confirmation. */
export function PeopleTab() {
  const { t } = useTranslation('members');
  const me = useMe();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const overrides = { conflict: 'members:people.lastOwner' };

  const changeRole = useMutation({
    mutationFn: (v: { member: Member; role: Role }) =>
      unwrap(api.PATCH('/api/v1/members/{userId}', { params: { path: { userId: v.member.userId } }, body: { role: v.role } })),
    onSuccess: (member) => {
      setNotice(t('people.roleChanged', { name: member.displayName, role: t(`roles.${member.role}`) }));
      void queryClient.invalidateQueries({ queryKey: ['members'] });
    },
    onMutate: () => setNotice(null),
  });
  const remove = useMutation({
    mutationFn: (member: Member) =>
      unwrap(api.DELETE('/api/v1/members/{userId}', { params: { path: { userId: member.userId } } })).then(() => member),
    onSuccess: (member) => {
      setRemoving(null);
      setNotice(t('people.removed', { name: member.displayName }));
      void queryClient.invalidateQueries({ queryKey: ['members'] });
    },
    onMutate: () => setNotice(null),
  });

  return (
    <Stack>
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      <ProblemAlert error={changeRole.error} overrides={overrides} />
      <ListState query={members} empty={t('people.empty')}>
        {(items) => (
          <div className={ui.scroll}>
            <Table striped>
              <Table.Caption>{t('people.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('people.name')}</Table.Th>
                  <Table.Th>{t('people.email')}</Table.Th>
                  <Table.Th>{t('people.role')}</Table.Th>
                  <Table.Th>{t('people.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((member) => (
                  <Table.Tr key={member.userId}>
                    <Table.Td>
                      {member.displayName} {member.userId === me.userId && <Text span c="dimmed" size="sm">{t("people.you")}</Text>}
                    </Table.Td>
                    <Table.Td>{member.email}</Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('people.roleOf', { name: member.displayName })}
                        size="xs"
                        value={member.role}
                        disabled={changeRole.isPending || (member.role === 'OWNER' && me.role !== 'OWNER')}
                        data={ROLES.filter((r) => r !== 'OWNER' || me.role === 'OWNER' || member.role === 'OWNER').map(
                          (r) => ({ value: r, label: t(`roles.${r}`) }),
                        )}
                        onChange={(e) => changeRole.mutate({ member, role: e.currentTarget.value as Role })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        color="red"
                        aria-label={t('people.removeOf', { name: member.displayName })}
                        onClick={() => {
                          remove.reset();
                          setRemoving(member);
                        }}
                      >
                        {t('people.remove')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </ListState>
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? t('people.confirmRemoveTitle', { name: removing.displayName }) : ''}
      >
        {removing && (
          <Stack>
            <Text>{t('people.confirmRemove', { name: removing.displayName })}</Text>
            <ProblemAlert error={remove.error} overrides={overrides} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                {t('people.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(removing)}>
                {t('people.remove')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
