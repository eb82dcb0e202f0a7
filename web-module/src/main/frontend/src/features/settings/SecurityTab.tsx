import { Alert, Button, Checkbox, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { MAX_HOURS, METHODS, MIN_HOURS, formOf, policyOf, type Policy, type PolicyForm } from './security';

const KEY = ['tenant-security'] as const;

/** GET/PUT /tenant/security (MFA-13..16): require a second factor, the login methods, the session length. */
export function SecurityTab() {
  const { t } = useTranslation('settings');
  const policy = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/tenant/security')) });
  if (policy.isPending) return <Loading />;
  if (policy.isError) {
    return (
      <Stack align="flex-start">
        <ProblemAlert error={policy.error} />
        <Button variant="default" size="xs" onClick={() => void policy.refetch()}>
          {t('common:retry')}
        </Button>
      </Stack>
    );
  }
  return <PolicyEditor saved={policy.data} />;
}

function PolicyEditor({ saved }: { saved: Policy }) {
  const { t } = useTranslation('settings');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<PolicyForm>(() => formOf(saved));
  const [checked, setChecked] = useState(false);
  const checkedPolicy = policyOf(form);
  const errors = checked && 'errors' in checkedPolicy ? checkedPolicy.errors : {};
  const save = useMutation({
    mutationFn: (next: Policy) => unwrap(api.PUT('/api/v1/tenant/security', { body: next })),
    onSuccess: (answer) => {
      queryClient.setQueryData(KEY, answer);
      setForm(formOf(answer));
      setChecked(false);
    },
  });
  const set = (change: Partial<PolicyForm>) => {
    setForm((f) => ({ ...f, ...change }));
    save.reset();
  };

  return (
    <form
      noValidate
      data-testid="security-policy"
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if ('policy' in checkedPolicy) save.mutate(checkedPolicy.policy);
      }}
    >
      <Stack maw={640}>
        <Text>{t('security.intro')}</Text>
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('security.saved')}
          </Alert>
        )}
        <ProblemAlert error={save.error} overrides={{ conflict: 'settings:security.lockout' }} />
        <Switch
          label={t('security.requireMfa')}
          description={t('security.requireMfaHint')}
          checked={form.requireMfa}
          onChange={(e) => set({ requireMfa: e.currentTarget.checked })}
        />
        {form.requireMfa && !saved.requireMfa && (
          <Alert color="yellow" role="note">
            {t('security.requireMfaWarning')}
          </Alert>
        )}
        <Checkbox.Group
          label={t('security.methods')}
          description={t('security.methodsHint')}
          value={form.methods}
          onChange={(methods) => set({ methods })}
          error={errors.methods ? t(`security.${errors.methods}`) : undefined}
        >
          <Stack gap={6} mt="xs">
            {METHODS.map((method) => (
              <Checkbox key={method} value={method} label={t(`security.method.${method}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <NumberInput
          label={t('security.hours')}
          description={t('security.hoursHint', { min: MIN_HOURS, max: MAX_HOURS })}
          min={MIN_HOURS}
          max={MAX_HOURS}
          allowDecimal={false}
          clampBehavior="none"
          value={form.hours}
          onChange={(hours) => set({ hours })}
          error={errors.hours ? t(`security.${errors.hours}`, { min: MIN_HOURS, max: MAX_HOURS }) : undefined}
          maw={240}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('security.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
