import { Alert, Button, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../ui/ProblemAlert';
import { AuthCard } from './AuthCard';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields';

/** The link from the invitation mail (/invitations/accept?token=…): creates the account in the inviting tenant. */
export function AcceptInvitationPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [check, setCheck] = useState(false);
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/invitations/accept', { body: { token, password, displayName: displayName.trim() } })),
  });

  if (!token) {
    return (
      <AuthCard title={t('invitation.title')}>
        <Alert color="red" role="alert">
          {t('verify.missingToken')}
        </Alert>
      </AuthCard>
    );
  }
  if (mutation.isSuccess) {
    const me = mutation.data;
    return (
      <AuthCard title={t('invitation.title')}>
        <Alert color="green" role="status">
          {t('invitation.done', { tenant: me.tenantSlug })}
        </Alert>
        <Button component={Link} to="/login" state={{ tenant: me.tenantSlug, email: me.email }}>
          {t('invitation.login')}
        </Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t('invitation.title')}
      onSubmit={() => {
        setCheck(true);
        if (displayName.trim() && !newPasswordProblem(password, repeat)) mutation.mutate();
      }}
    >
      <Text>{t('invitation.intro')}</Text>
      <ProblemAlert error={mutation.error} />
      <TextInput
        label={t('fields.displayName')}
        name="displayName"
        autoComplete="name"
        required
        value={displayName}
        onChange={(e) => setDisplayName(e.currentTarget.value)}
      />
      <NewPasswordFields
        password={password}
        repeat={repeat}
        onPassword={setPassword}
        onRepeat={setRepeat}
        check={check}
        label={t('fields.password')}
      />
      <Button type="submit" loading={mutation.isPending}>
        {t('invitation.submit')}
      </Button>
    </AuthCard>
  );
}
