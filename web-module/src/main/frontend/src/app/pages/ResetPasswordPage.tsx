import { Alert, Button } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../ui/ProblemAlert';
import { AuthCard } from './AuthCard';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields';

/** The link from the reset mail (/reset-password?token=…). */
export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [check, setCheck] = useState(false);
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, newPassword: password } })),
  });

  if (!token) {
    return (
      <AuthCard title={t('reset.title')}>
        <Alert color="red" role="alert">
          {t('verify.missingToken')}
        </Alert>
      </AuthCard>
    );
  }
  if (mutation.isSuccess) {
    return (
      <AuthCard title={t('reset.title')}>
        <Alert color="green" role="status">
          {t('reset.done')}
        </Alert>
        <Button component={Link} to="/login">
          {t('reset.login')}
        </Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t('reset.title')}
      onSubmit={() => {
        setCheck(true);
        if (!newPasswordProblem(password, repeat)) mutation.mutate();
      }}
    >
      <ProblemAlert error={mutation.error} />
      <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} check={check} />
      <Button type="submit" loading={mutation.isPending}>
        {t('reset.submit')}
      </Button>
    </AuthCard>
  );
}
