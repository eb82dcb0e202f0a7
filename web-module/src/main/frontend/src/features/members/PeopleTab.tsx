import { Alert, Button, Group, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { hasRole } from '../../app/areas';
import { useAuth, useMe } from '../../app/auth/AuthProvider';
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

/**
 * Members: the list, a role per person (PATCH), removal (DELETE) and ending every session of a person (DELETE
 * .../sessions; only an owner ends an owner's) after a confirmation.
 */
export function PeopleTab() {
  const { t } = useTranslation('members');
  const me = useMe();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [ending, setEnding] = useState<Member | null>(null);
  const { logout } = useAuth();
  const admin = hasRole(me.role, 'ADMIN');
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
  const endSessions = useMutation({
    mutationFn: (member: Member) =>
      unwrap(api.DELETE('/api/v1/members/{userId}/sessions', { params: { path: { userId: member.userId } } })).then(
        () => member,
      ),
    onSuccess: async (member) => {
      setEnding(null);
      // One's own sessions include this one: that is a logout.
      if (member.userId === me.userId) {
        await logout();
        return;
      }
      setNotice(t('people.sessionsEnded', { name: member.displayName }));
    },
    onMutate: () => setNotice(null),
  });
  const endDetail =
    endSessions.error instanceof ApiError && endSessions.error.status === 403 ? endSessions.error.problem?.detail : undefined;

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
                      {admin && (
                        <Button
                          size="xs"
                          variant="default"
                          ml="xs"
                          aria-label={t('people.endSessionsOf', { name: member.displayName })}
                          onClick={() => {
                            endSessions.reset();
                            setEnding(member);
                          }}
                        >
                          {t('people.endSessions')}
                        </Button>
                      )}
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
      <Modal
        opened={ending !== null}
        onClose={() => setEnding(null)}
        title={ending ? t('people.confirmEndSessionsTitle', { name: ending.displayName }) : ''}
      >
        {ending && (
          <Stack>
            <Text>
              {ending.userId === me.userId
                ? t('people.confirmEndOwnSessions')
                : t('people.confirmEndSessions', { name: ending.displayName })}
            </Text>
            <ProblemAlert error={endSessions.error} overrides={{ forbidden: 'members:people.endSessionsForbidden' }} />
            {endDetail && (
              <Text size="sm" data-testid="problem-detail">
                {endDetail}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEnding(null)}>
                {t('people.cancel')}
              </Button>
              <Button color="red" loading={endSessions.isPending} onClick={() => endSessions.mutate(ending)}>
                {t('people.endSessions')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
