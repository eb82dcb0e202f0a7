import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { webauthnApi, type Passkey } from '../../api/webauthn';
import { PasskeyAlert } from '../../app/auth/PasskeyAlert';
import { createPasskey } from '../../app/auth/passkey';
import { useFormat } from '../../app/format';
import { ListState } from '../../app/ui/ListState';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import ui from '../../app/ui/ui.module.css';
import { ME_KEY } from './TwoFactorSection';

const PASSKEYS_KEY = ['me', 'webauthn', 'credentials'] as const;

/**
 * The caller's passkeys (docs/features/passkeys.md): the list, "Add a passkey" (options, the browser's prompt by
 * @simplewebauthn/browser, the response with a name) and deleting one after a confirmation. Shown only where the
 * browser has WebAuthn (the account page leaves the section out otherwise).
 */
export function PasskeysSection() {
  const { t } = useTranslation('account');
  const format = useFormat();
  const queryClient = useQueryClient();
  const passkeys = useQuery({ queryKey: PASSKEYS_KEY, queryFn: () => webauthnApi().credentials() });
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [checkName, setCheckName] = useState(false);
  const [confirming, setConfirming] = useState<Passkey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [, setParams] = useSearchParams();
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: PASSKEYS_KEY });
    void queryClient.invalidateQueries({ queryKey: ME_KEY, exact: true });
  };

  const add = useMutation({
    mutationFn: async (label: string) => {
      const options = await webauthnApi().registrationOptions();
      return webauthnApi().finishRegistration(label, await createPasskey(options));
    },
    onMutate: () => setNotice(null),
    onSuccess: (passkey) => {
      setAdding(false);
      setName('');
      setCheckName(false);
      setNotice(t('passkeys.added', { name: passkey.name }));
      changed();
      // registering passed a second factor in this session (as a confirmed TOTP, MFA-14): the enrolment notice ends
      setParams(
        (params) => {
          params.delete('enrol');
          return params;
        },
        { replace: true },
      );
    },
  });

  const remove = useMutation({
    mutationFn: (passkey: Passkey) => webauthnApi().remove(passkey.id).then(() => passkey),
    onMutate: () => setNotice(null),
    onSuccess: (passkey) => {
      setConfirming(null);
      setNotice(t('passkeys.deleted', { name: passkey.name }));
      changed();
    },
  });

  const nameProblem = checkName && !name.trim() ? t('passkeys.nameRequired') : undefined;

  return (
    <Stack data-testid="passkeys">
      <Text>{t('passkeys.intro')}</Text>
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      <ProblemAlert error={remove.error} />
      <ListState query={passkeys} empty={t('passkeys.empty')}>
        {(items) => (
          <div className={ui.scroll}>
            <Table striped>
              <Table.Caption>{t('passkeys.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('passkeys.name')}</Table.Th>
                  <Table.Th>{t('passkeys.created')}</Table.Th>
                  <Table.Th>{t('passkeys.lastUsed')}</Table.Th>
                  <Table.Th>{t('passkeys.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((passkey) => (
                  <Table.Tr key={passkey.id} data-testid="passkey-row">
                    <Table.Td>{passkey.name}</Table.Td>
                    <Table.Td>
                      <time dateTime={passkey.createdAt}>{format.dateTime(passkey.createdAt)}</time>
                    </Table.Td>
                    <Table.Td>
                      {passkey.lastUsedAt ? (
                        <time dateTime={passkey.lastUsedAt} title={format.dateTime(passkey.lastUsedAt)}>
                          {format.relative(passkey.lastUsedAt)}
                        </time>
                      ) : (
                        t('passkeys.neverUsed')
                      )}
                    </Table.Td>
                    <Table.Td>
                      {confirming?.id === passkey.id ? (
                        <Group gap="xs" role="group" aria-label={t('passkeys.confirmDelete', { name: passkey.name })}>
                          <Text size="sm">{t('passkeys.confirmDelete', { name: passkey.name })}</Text>
                          <Button
                            size="xs"
                            color="red"
                            loading={remove.isPending}
                            onClick={() => remove.mutate(passkey)}
                          >
                            {t('passkeys.confirmYes')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                            {t('passkeys.confirmNo')}
                          </Button>
                        </Group>
                      ) : (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('passkeys.deleteOf', { name: passkey.name })}
                          onClick={() => {
                            remove.reset();
                            setConfirming(passkey);
                          }}
                        >
                          {t('passkeys.delete')}
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

      {!adding && (
        <Group>
          <Button
            onClick={() => {
              add.reset();
              setNotice(null);
              setAdding(true);
            }}
          >
            {t('passkeys.add')}
          </Button>
        </Group>
      )}
      {adding && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setCheckName(true);
            if (name.trim()) add.mutate(name.trim());
          }}
        >
          <Stack maw={480}>
            <PasskeyAlert error={add.error} overrides={{ conflict: 'account:passkeys.alreadyRegistered' }} />
            <TextInput
              label={t('passkeys.nameLabel')}
              description={t('passkeys.nameHint')}
              name="passkeyName"
              maxLength={100}
              required
              autoFocus
              value={name}
              error={nameProblem}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Group>
              <Button type="submit" loading={add.isPending}>
                {t('passkeys.create')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setAdding(false);
                  setCheckName(false);
                  add.reset();
                }}
              >
                {t('passkeys.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
