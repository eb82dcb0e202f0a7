import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../auth/AuthProvider';
import { SecondFactorInput } from '../auth/SecondFactorInput';
import { factorOf, factorProblem, mfaChallenge, type FactorMode, type MfaChallenge } from '../auth/secondFactor';
import { ProblemAlert } from '../ui/ProblemAlert';
import { AuthCard } from './AuthCard';

interface LoginState {
  from?: string;
  ended?: boolean;
  tenant?: string;
  email?: string;
}

/**
 * The password step and, for an account with a second factor (401 `mfa-required`), the code step: POST /auth/mfa
 * with the challenge's single-use token. A wrong code keeps the step; a spent or expired token (401) starts over.
 */
export function LoginPage() {
  const { t } = useTranslation('auth');
  const { state, login, completeMfa } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const routeState = (location.state ?? {}) as LoginState;
  const [tenant, setTenant] = useState(routeState.tenant ?? '');
  const [email, setEmail] = useState(routeState.email ?? '');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const [mode, setMode] = useState<FactorMode>('code');
  const [factor, setFactor] = useState('');
  const [checkFactor, setCheckFactor] = useState(false);
  const [stepExpired, setStepExpired] = useState(false);
  const from = routeState.from && routeState.from.startsWith('/') ? routeState.from : '/';
  // A refused single sign-on comes back here as /login?sso=failed&detail=… (the server's sentence).
  const query = new URLSearchParams(location.search);
  const ssoFailure = query.get('sso') === 'failed' ? (query.get('detail') ?? '') : null;
  const [ssoNeedsTenant, setSsoNeedsTenant] = useState(false);
  const startSso = () => {
    const slug = tenant.trim();
    if (!slug) {
      setSsoNeedsTenant(true);
      return;
    }
    window.location.assign(`/api/v1/auth/sso/${encodeURIComponent(slug)}/start`);
  };

  const mutation = useMutation({
    mutationFn: () => login(tenant.trim(), email.trim(), password),
    onMutate: () => setStepExpired(false),
    onSuccess: () => navigate(from, { replace: true }),
    onError: (error) => {
      const next = mfaChallenge(error);
      if (!next) return;
      setChallenge(next);
      setMode(next.methods.includes('totp') || !next.methods.includes('recovery') ? 'code' : 'recovery');
      setFactor('');
      setCheckFactor(false);
    },
  });

  const second = useMutation({
    mutationFn: (c: MfaChallenge) => completeMfa(c.mfaToken, factorOf(mode, factor)),
    onSuccess: () => navigate(from, { replace: true }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        // The token works once and for five minutes: the password step again, with a sentence.
        setChallenge(null);
        setPassword('');
        setStepExpired(true);
        mutation.reset();
        second.reset();
      }
    },
  });

  if (state.status === 'authenticated' && !mutation.isPending && !second.isPending) {
    return <Navigate to={from} replace />;
  }

  if (challenge) {
    const problem = checkFactor ? factorProblem(mode, factor) : null;
    const canSwitch = challenge.methods.includes('totp') && challenge.methods.includes('recovery');
    return (
      <AuthCard
        title={t('mfa.title')}
        onSubmit={() => {
          setCheckFactor(true);
          if (!factorProblem(mode, factor)) second.mutate(challenge);
        }}
      >
        <Text>{mode === 'code' ? t('mfa.introCode') : t('mfa.introRecovery')}</Text>
        <ProblemAlert
          error={second.error}
          overrides={{ validation: mode === 'code' ? 'auth:mfa.wrongCode' : 'auth:mfa.wrongRecoveryCode' }}
        />
        <SecondFactorInput
          mode={mode}
          onMode={(next) => {
            setMode(next);
            setCheckFactor(false);
            second.reset();
          }}
          value={factor}
          onValue={setFactor}
          error={problem ? t(problem) : undefined}
          canSwitch={canSwitch}
          autoFocus
        />
        <Button type="submit" loading={second.isPending}>
          {t('mfa.submit')}
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          onClick={() => {
            setChallenge(null);
            setPassword('');
            mutation.reset();
            second.reset();
          }}
        >
          {t('mfa.back')}
        </Anchor>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('login.title')} onSubmit={() => mutation.mutate()}>
      {routeState.ended && !mutation.error && !stepExpired && (
        <Alert color="yellow" role="status">
          {t('login.sessionEnded')}
        </Alert>
      )}
      {stepExpired && (
        <Alert color="yellow" role="status">
          {t('mfa.expired')}
        </Alert>
      )}
      {ssoFailure !== null && !mutation.error && (
        <Alert color="red" role="alert">
          {t('login.ssoFailed', { detail: ssoFailure })}
        </Alert>
      )}
      {ssoNeedsTenant && !tenant.trim() && (
        <Alert color="yellow" role="status">
          {t('login.ssoNeedsTenant')}
        </Alert>
      )}
      <ProblemAlert
        error={mutation.error}
        overrides={{
          unauthenticated: 'auth:login.failed',
          forbidden: 'auth:login.unverified',
          'login-method-not-allowed': 'auth:login.ssoOnly',
        }}
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
      <Text size="sm" c="dimmed" ta="center">
        {t('login.or')}
      </Text>
      <Button type="button" variant="default" onClick={startSso}>
        {t('login.sso')}
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
