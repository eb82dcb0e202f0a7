import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useFormat } from '../../app/format';
import { ListState } from '../../app/ui/ListState';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import ui from '../../app/ui/ui.module.css';
import { membersQuery } from './PeopleTab';

type Role = Schemas['InvitationRequest']['role'];
type Invitation = Schemas['Invitation'];

/**
 * Invite by email with a role (POST /invitations), the pending ones (GET), cancel (DELETE). The contract has no
 * "resend": cancel and invite again.
 */
export function InvitationsTab() {
  const { t } = useTranslation('members');
  const format = useFormat();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [notice, setNotice] = useState<string | null>(null);
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: () => unwrap(api.GET('/api/v1/invitations', { params: { query: { limit: 200 } } })),
  });
  const members = useQuery(membersQuery);
  const nameOf = (userId: string) =>
    members.data?.items.find((m) => m.userId === userId)?.displayName ?? t('invitations.someone');

  const invite = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/invitations', { body: { email: email.trim(), role } })),
    onMutate: () => setNotice(null),
    onSuccess: (invitation) => {
      setNotice(t('invitations.sent', { email: invitation.email }));
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (invitation: Invitation) =>
      unwrap(api.DELETE('/api/v1/invitations/{id}', { params: { path: { id: invitation.id } } })).then(() => invitation),
    onMutate: () => setNotice(null),
    onSuccess: (invitation) => {
      setNotice(t('invitations.revoked', { email: invitation.email }));
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });

  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('invitations.formTitle')}
        </Title>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate();
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('invitations.email')}
              type="email"
              name="invite-email"
              autoComplete="off"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('invitations.role')}
              name="invite-role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              data={(['MEMBER', 'ADMIN', 'OWNER'] as Role[]).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
            <Button type="submit" loading={invite.isPending}>
              {t('invitations.submit')}
            </Button>
          </Group>
        </form>
      </Paper>
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      <ProblemAlert error={invite.error ?? revoke.error} overrides={{ conflict: 'members:invitations.exists' }} />
      <ListState query={invitations} empty={t('invitations.empty')}>
        {(items) => (
          <div className={ui.scroll}>
            <Table striped>
              <Table.Caption>{t('invitations.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invitations.email')}</Table.Th>
                  <Table.Th>{t('invitations.role')}</Table.Th>
                  <Table.Th>{t('invitations.invitedBy')}</Table.Th>
                  <Table.Th>{t('invitations.created')}</Table.Th>
                  <Table.Th>{t('invitations.expires')}</Table.Th>
                  <Table.Th>{t('invitations.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((invitation) => (
                  <Table.Tr key={invitation.id}>
                    <Table.Td>{invitation.email}</Table.Td>
                    <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
                    <Table.Td>{nameOf(invitation.invitedBy)}</Table.Td>
                    <Table.Td>{format.dateTime(invitation.createdAt)}</Table.Td>
                    <Table.Td>{format.dateTime(invitation.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('invitations.revokeOf', { email: invitation.email })}
                        loading={revoke.isPending && revoke.variables?.id === invitation.id}
                        onClick={() => revoke.mutate(invitation)}
                      >
                        {t('invitations.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </ListState>
    </Stack>
  );
}
