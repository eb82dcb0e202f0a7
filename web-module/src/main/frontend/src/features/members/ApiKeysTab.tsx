import { Alert, Badge, Button, Checkbox, CopyButton, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useFormat } from '../../app/format';
import { ListState } from '../../app/ui/ListState';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import ui from '../../app/ui/ui.module.css';
import { SCOPES, expiryFromDate, keyStatus, normalizeScopes, type ApiKey } from './apiKeys';

const STATUS_COLOR = { active: 'green', expired: 'gray', revoked: 'red' } as const;

/** API keys: create (the key is shown once, with a copy button), list, revoke. */
export function ApiKeysTab() {
  const { t } = useTranslation('members');
  const format = useFormat();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [expiry, setExpiry] = useState('');
  const [check, setCheck] = useState(false);
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/api/v1/api-keys')) });

  const parsedExpiry = expiryFromDate(expiry);
  const expiryError = 'error' in parsedExpiry ? t(`apiKeys.${parsedExpiry.error}`) : undefined;
  const nameError = check && !name.trim() ? t('apiKeys.nameRequired') : undefined;
  const scopesError = check && scopes.length === 0 ? t('apiKeys.scopesRequired') : undefined;

  const create = useMutation({
    mutationFn: (expiresAt: string | null) =>
      unwrap(
        api.POST('/api/v1/api-keys', {
          body: { name: name.trim(), scopes: normalizeScopes(scopes), ...(expiresAt ? { expiresAt } : {}) },
        }),
      ),
    onMutate: () => setNotice(null),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      setExpiry('');
      setCheck(false);
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) =>
      unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } })).then(() => key),
    onMutate: () => setNotice(null),
    onSuccess: (key) => {
      setNotice(t('apiKeys.revoked', { name: key.name }));
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });

  return (
    <Stack>
      {created?.key ? (
        <Paper withBorder p="md" data-testid="new-api-key">
          <Title order={2} size="h4" mb="sm">
            {t('apiKeys.createdTitle')}
          </Title>
          <Alert color="yellow" role="status" mb="sm">
            {t('apiKeys.createdOnce')}
          </Alert>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('apiKeys.keyLabel')}
              value={created.key}
              readOnly
              classNames={{ input: ui.key }}
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: 1, minWidth: '12rem' }}
            />
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'filled'} onClick={copy}>
                  {copied ? t('apiKeys.copied') : t('apiKeys.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Button mt="md" variant="default" onClick={() => setCreated(null)}>
            {t('apiKeys.done')}
          </Button>
        </Paper>
      ) : (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('apiKeys.formTitle')}
          </Title>
          <Text size="sm" mb="sm">
            {t('apiKeys.intro')}
          </Text>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setCheck(true);
              if (!name.trim() || scopes.length === 0 || 'error' in parsedExpiry) return;
              create.mutate(parsedExpiry.expiresAt);
            }}
          >
            <Stack>
              <TextInput
                label={t('apiKeys.name')}
                description={t('apiKeys.nameHint')}
                name="api-key-name"
                required
                maxLength={100}
                value={name}
                error={nameError}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Checkbox.Group label={t('apiKeys.scopes')} value={scopes} onChange={setScopes} error={scopesError} required>
                <Group mt="xs">
                  {SCOPES.map((scope) => (
                    <Checkbox key={scope} value={scope} label={t(`apiKeys.scope.${scope}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
              <TextInput
                label={t('apiKeys.expiresAt')}
                description={t('apiKeys.expiresHint')}
                type="date"
                name="api-key-expiry"
                value={expiry}
                error={expiry ? expiryError : undefined}
                onChange={(e) => setExpiry(e.currentTarget.value)}
              />
              <Group>
                <Button type="submit" loading={create.isPending}>
                  {t('apiKeys.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      <ProblemAlert error={create.error ?? revoke.error} />
      <ListState query={keys} empty={t('apiKeys.empty')}>
        {(items) => (
          <div className={ui.scroll}>
            <Table striped>
              <Table.Caption>{t('apiKeys.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('apiKeys.name')}</Table.Th>
                  <Table.Th>{t('apiKeys.scopes')}</Table.Th>
                  <Table.Th>{t('apiKeys.status')}</Table.Th>
                  <Table.Th>{t('apiKeys.created')}</Table.Th>
                  <Table.Th>{t('apiKeys.expires')}</Table.Th>
                  <Table.Th>{t('apiKeys.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((key) => {
                  const status = keyStatus(key);
                  return (
                    <Table.Tr key={key.id}>
                      <Table.Td>{key.name}</Table.Td>
                      <Table.Td>{key.scopes.join(', ')}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[status]} variant="light">
                          {t(`apiKeys.statuses.${status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{format.dateTime(key.createdAt)}</Table.Td>
                      <Table.Td>{key.expiresAt ? format.dateTime(key.expiresAt) : t('apiKeys.never')}</Table.Td>
                      <Table.Td>
                        {status !== 'revoked' && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('apiKeys.revokeOf', { name: key.name })}
                            loading={revoke.isPending && revoke.variables?.id === key.id}
                            onClick={() => revoke.mutate(key)}
                          >
                            {t('apiKeys.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </ListState>
    </Stack>
  );
}
