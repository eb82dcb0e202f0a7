import { Alert, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, unwrap, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth/AuthProvider';
import { useFormat } from '../../app/format';
import { ListState } from '../../app/ui/ListState';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import ui from '../../app/ui/ui.module.css';
import { deviceOf } from './userAgent';

type Session = Schemas['LoginSession'];

const sessionsQuery = {
  queryKey: ['me', 'sessions'],
  queryFn: async () => {
    const page = await unwrap(api.GET('/api/v1/me/sessions'));
    return { ...page, items: [...page.items].sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt)) };
  },
};

/** The caller's sign-ins, last used first; ending one stops it, ending this device's is a logout. */
export function SessionsSection() {
  const { t } = useTranslation('account');
  const format = useFormat();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessions = useQuery(sessionsQuery);
  const [notice, setNotice] = useState<string | null>(null);

  const device = (session: Session) => {
    const d = deviceOf(session.userAgent);
    if (d.browser && d.os) return t('sessions.browserOn', { browser: d.browser, os: d.os });
    return d.browser ?? d.os ?? d.program ?? t('sessions.unknownDevice');
  };

  const end = useMutation({
    mutationFn: (session: Session) =>
      unwrap(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: session.id } } })).then(() => session),
    onMutate: () => setNotice(null),
    onSuccess: async (session) => {
      if (session.current) {
        await logout();
        navigate('/login', { replace: true });
        return;
      }
      setNotice(t('sessions.ended', { device: device(session) }));
      void queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] });
    },
  });

  return (
    <Stack>
      <Text>{t('sessions.intro')}</Text>
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      <ProblemAlert error={end.error} />
      <ListState query={sessions} empty={t('sessions.empty')}>
        {(items) => (
          <div className={ui.scroll}>
            <Table striped>
              <Table.Caption>{t('sessions.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sessions.device')}</Table.Th>
                  <Table.Th>{t('sessions.address')}</Table.Th>
                  <Table.Th>{t('sessions.lastUsed')}</Table.Th>
                  <Table.Th>{t('sessions.signedIn')}</Table.Th>
                  <Table.Th>{t('sessions.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((session) => (
                  <Table.Tr key={session.id} data-testid="session-row">
                    <Table.Td>
                      <Text span title={session.userAgent ?? undefined}>
                        {device(session)}
                      </Text>{' '}
                      {session.current && (
                        <Badge color="green" variant="light">
                          {t('sessions.thisDevice')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{session.clientAddress ?? t('sessions.unknownAddress')}</Table.Td>
                    <Table.Td>
                      <time dateTime={session.lastUsedAt} title={format.dateTime(session.lastUsedAt)}>
                        {format.relative(session.lastUsedAt)}
                      </time>
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={session.createdAt}>{format.dateTime(session.createdAt)}</time>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        color="red"
                        loading={end.isPending && end.variables?.id === session.id}
                        aria-label={
                          session.current
                            ? t('sessions.endCurrent')
                            : t('sessions.endOf', { device: device(session) })
                        }
                        onClick={() => end.mutate(session)}
                      >
                        {t('sessions.end')}
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
