import { Alert, Anchor, Button, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../ui/ProblemAlert';
import { AuthCard } from './AuthCard';

export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  const [tenant, setTenant] = useState('');
  const [email, setEmail] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/auth/password-reset', { body: { tenant: tenant.trim(), email: email.trim() } })),
  });

  return (
    <AuthCard title={t('forgot.title')} onSubmit={mutation.isSuccess ? undefined : () => mutation.mutate()}>
      {mutation.isSuccess ? (
        <Alert color="green" role="status">
          {t('forgot.sent')}
        </Alert>
      ) : (
        <>
          <Text>{t('forgot.intro')}</Text>
          <ProblemAlert error={mutation.error} />
          <TextInput
            label={t('fields.tenant')}
            description={t('fields.tenantHint')}
            name="tenant"
            autoComplete="organization"
            required
            value={tenant}
            onChange={(e) => setTenant(e.currentTarget.value)}
          />
          <TextInput
            label={t('fields.email')}
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <Button type="submit" loading={mutation.isPending}>
            {t('forgot.submit')}
          </Button>
        </>
      )}
      <Anchor component={Link} to="/login" size="sm">
        {t('forgot.back')}
      </Anchor>
    </AuthCard>
  );
}
