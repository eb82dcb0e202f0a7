import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useAuth, useMe } from '../../app/auth/AuthProvider';
import { ProblemAlert } from '../../app/ui/ProblemAlert';

/** The display name (PATCH /me; the header shows the answer at once); email and organisation read-only. */
export function ProfileSection() {
  const { t } = useTranslation('account');
  const me = useMe();
  const { updateMe } = useAuth();
  const [name, setName] = useState(me.displayName);
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH('/api/v1/me', { body: { displayName: name.trim() } })),
    onSuccess: (changed) => {
      updateMe(changed);
      setName(changed.displayName);
    },
  });
  const empty = name.trim() === '';

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (!empty) save.mutate();
      }}
    >
      <Stack maw={480}>
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('profile.saved')}
          </Alert>
        )}
        <ProblemAlert error={save.error} />
        <TextInput
          label={t('profile.displayName')}
          name="displayName"
          autoComplete="name"
          required
          maxLength={100}
          value={name}
          error={checked && empty ? t('profile.nameRequired') : undefined}
          onChange={(e) => {
            setName(e.currentTarget.value);
            save.reset();
          }}
        />
        <TextInput label={t('profile.email')} description={t('profile.emailHint')} value={me.email} readOnly />
        <TextInput label={t('profile.organisation')} value={me.tenantSlug} readOnly />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={name.trim() === me.displayName}>
            {t('profile.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
