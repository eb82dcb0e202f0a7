import { Alert, Anchor, Button, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../ui/ProblemAlert';
import { AuthCard } from './AuthCard';

/**
 * The link from the verification mail (/verify-email?token=…). Opening it uses nothing up (mail scanners fetch
 * links); the button's POST confirms.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const mutation = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/verify-email', { body: { token } })),
  });

  if (!token) {
    return (
      <AuthCard title={t('verify.title')}>
        <Alert color="red" role="alert">
          {t('verify.missingToken')}
        </Alert>
      </AuthCard>
    );
  }
  if (mutation.isSuccess) {
    return (
      <AuthCard title={t('verify.title')}>
        <Alert color="green" role="status">
          {t('verify.done')}
        </Alert>
        <Button component={Link} to="/login">
          {t('verify.login')}
        </Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('verify.title')} onSubmit={() => mutation.mutate()}>
      <Text>{t('verify.intro')}</Text>
      <ProblemAlert error={mutation.error} />
      <Button type="submit" loading={mutation.isPending}>
        {t('verify.submit')}
      </Button>
      <Anchor component={Link} to="/login" size="sm">
        {t('verify.login')}
      </Anchor>
    </AuthCard>
  );
}
