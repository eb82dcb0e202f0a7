import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { ProblemAlert } from '../ui/ProblemAlert';
import { AuthCard } from './AuthCard';

interface LoginState {
  from?: string;
  ended?: boolean;
  tenant?: string;
  email?: string;
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const { state, login } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const routeState = (location.state ?? {}) as LoginState;
  const [tenant, setTenant] = useState(routeState.tenant ?? '');
  const [email, setEmail] = useState(routeState.email ?? '');
  const [password, setPassword] = useState('');
  const from = routeState.from && routeState.from.startsWith('/') ? routeState.from : '/';

  const mutation = useMutation({
    mutationFn: () => login(tenant.trim(), email.trim(), password),
    onSuccess: () => navigate(from, { replace: true }),
  });

  if (state.status === 'authenticated' && !mutation.isPending) {
    return <Navigate to={from} replace />;
  }

  return (
    <AuthCard title={t('login.title')} onSubmit={() => mutation.mutate()}>
      {routeState.ended && !mutation.error && (
        <Alert color="yellow" role="status">
          {t('login.sessionEnded')}
        </Alert>
      )}
      <ProblemAlert
        error={mutation.error}
        overrides={{ unauthenticated: 'auth:login.failed', forbidden: 'auth:login.unverified' }}
      />
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
      <PasswordInput
        label={t('fields.password')}
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
      <Button type="submit" loading={mutation.isPending}>
        {t('login.submit')}
      </Button>
      <Anchor component={Link} to="/forgot-password" size="sm">
        {t('login.forgot')}
      </Anchor>
      <Text size="sm">
        {t('login.noAccount')}{' '}
        <Anchor component={Link} to="/signup">
          {t('login.signup')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
