import { Alert, Button, Code, Group, PasswordInput, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';

type Sso = Schemas['TenantSso'];

const KEY = ['tenant-sso'] as const;

/** GET/PUT /tenant/sso (SSO-1..3): the organisation's OpenID Connect provider; the OWNER's only. */
export function SsoTab() {
  const sso = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/tenant/sso')) });
  if (sso.isPending) return <Loading />;
  if (sso.isError) {
    return <ProblemAlert error={sso.error} overrides={{ forbidden: 'settings:sso.ownerOnly' }} />;
  }
  return <SsoEditor saved={sso.data} />;
}

interface SsoForm {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailDomains: string[];
  autoProvision: boolean;
  defaultRole: 'MEMBER' | 'ADMIN';
}

function formOf(s: Sso): SsoForm {
  return {
    enabled: s.enabled,
    issuer: s.issuer,
    clientId: s.clientId,
    clientSecret: '',
    emailDomains: [...s.emailDomains],
    autoProvision: s.autoProvision,
    defaultRole: s.defaultRole === 'ADMIN' ? 'ADMIN' : 'MEMBER',
  };
}

function SsoEditor({ saved }: { saved: Sso }) {
  const { t } = useTranslation('settings');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SsoForm>(() => formOf(saved));
  const save = useMutation({
    mutationFn: (next: SsoForm) =>
      unwrap(
        api.PUT('/api/v1/tenant/sso', {
          body: {
            enabled: next.enabled,
            issuer: next.issuer.trim(),
            clientId: next.clientId.trim(),
            // left out: the stored secret stays (SSO-2)
            ...(next.clientSecret ? { clientSecret: next.clientSecret } : {}),
            emailDomains: next.emailDomains.map((d) => d.trim().toLowerCase()).filter(Boolean),
            autoProvision: next.autoProvision,
            defaultRole: next.defaultRole,
          },
        }),
      ),
    onSuccess: (answer) => {
      queryClient.setQueryData(KEY, answer);
      setForm(formOf(answer));
    },
  });
  const set = (change: Partial<SsoForm>) => {
    setForm((f) => ({ ...f, ...change }));
    save.reset();
  };
  const redirectUri = `${window.location.origin}/api/v1/auth/sso/callback`;

  return (
    <form
      noValidate
      data-testid="sso-settings"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(form);
      }}
    >
      <Stack maw={640}>
        <Text>{t('sso.intro')}</Text>
        <Text size="sm">
          {t('sso.redirectUri')} <Code>{redirectUri}</Code>
        </Text>
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('sso.saved')}
          </Alert>
        )}
        <ProblemAlert error={save.error} overrides={{ conflict: 'settings:sso.stillNeeded' }} />
        <Switch
          label={t('sso.enabled')}
          checked={form.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
        <TextInput
          label={t('sso.issuer')}
          description={t('sso.issuerHint')}
          placeholder="https://login.example.com/realms/acme"
          value={form.issuer}
          onChange={(e) => set({ issuer: e.currentTarget.value })}
        />
        <TextInput label={t('sso.clientId')} value={form.clientId} onChange={(e) => set({ clientId: e.currentTarget.value })} />
        <PasswordInput
          label={t('sso.clientSecret')}
          description={saved.clientSecretSet ? t('sso.clientSecretKept') : undefined}
          autoComplete="new-password"
          value={form.clientSecret}
          onChange={(e) => set({ clientSecret: e.currentTarget.value })}
        />
        <TagsInput
          label={t('sso.emailDomains')}
          description={t('sso.emailDomainsHint')}
          value={form.emailDomains}
          onChange={(emailDomains) => set({ emailDomains })}
        />
        <Switch
          label={t('sso.autoProvision')}
          description={t('sso.autoProvisionHint')}
          checked={form.autoProvision}
          onChange={(e) => set({ autoProvision: e.currentTarget.checked })}
        />
        <Select
          label={t('sso.defaultRole')}
          data={[
            { value: 'MEMBER', label: t('sso.role.MEMBER') },
            { value: 'ADMIN', label: t('sso.role.ADMIN') },
          ]}
          value={form.defaultRole}
          onChange={(role) => set({ defaultRole: role === 'ADMIN' ? 'ADMIN' : 'MEMBER' })}
          allowDeselect={false}
          maw={240}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('sso.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
