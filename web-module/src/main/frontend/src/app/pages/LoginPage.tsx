import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { webauthnApi } from '../../api/webauthn';
import { useAuth } from '../auth/AuthProvider';
import { PasskeyAlert } from '../auth/PasskeyAlert';
import { assertPasskey, passkeysSupported } from '../auth/passkey';
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
 * Where the browser has WebAuthn: "Sign in with a passkey" (usernameless, POST /auth/webauthn) and, when the
 * challenge's `methods` offer `webauthn`, "Use a passkey" as the second step (docs/features/passkeys.md, flows 2, 3).
 */
export function LoginPage() {
  const { t } = useTranslation('auth');
  const { state, login, loginWithPasskey, completeMfa } = useAuth();
  const [canPasskey] = useState(passkeysSupported);
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
  const [passkeyNeedsTenant, setPasskeyNeedsTenant] = useState(false);
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
    onMutate: () => {
      setStepExpired(false);
      passkey.reset();
    },
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

  const startOver = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) {
      // The token works once and for five minutes: the password step again, with a sentence.
      setChallenge(null);
      setPassword('');
      setStepExpired(true);
      mutation.reset();
      second.reset();
      passkeyStep.reset();
    }
  };

  const second = useMutation({
    mutationFn: (c: MfaChallenge) => completeMfa(c.mfaToken, factorOf(mode, factor)),
    onMutate: () => {
      passkeyStep.reset();
    },
    onSuccess: () => navigate(from, { replace: true }),
    onError: startOver,
  });

  // The second step with a passkey: options for the account's passkeys, the browser's prompt, POST /auth/mfa.
  const passkeyStep = useMutation({
    mutationFn: async (c: MfaChallenge) => {
      const options = await webauthnApi().signInOptions(tenant.trim(), email.trim());
      await completeMfa(c.mfaToken, { webauthn: await assertPasskey(options) });
    },
    onMutate: () => {
      second.reset();
    },
    onSuccess: () => navigate(from, { replace: true }),
    onError: startOver,
  });

  // Usernameless: options without an email, the browser offers the discoverable credentials, POST /auth/webauthn.
  const passkey = useMutation({
    mutationFn: async (slug: string) => {
      const options = await webauthnApi().signInOptions(slug);
      await loginWithPasskey(slug, await assertPasskey(options));
    },
    onMutate: () => {
      setStepExpired(false);
      mutation.reset();
    },
    onSuccess: () => navigate(from, { replace: true }),
  });
  const startPasskey = () => {
    const slug = tenant.trim();
    setPasskeyNeedsTenant(!slug);
    if (slug) passkey.mutate(slug);
  };

  if (
    state.status === 'authenticated' &&
    !mutation.isPending &&
    !second.isPending &&
    !passkeyStep.isPending &&
    !passkey.isPending
  ) {
    return <Navigate to={from} replace />;
  }

  if (challenge) {
    const problem = checkFactor ? factorProblem(mode, factor) : null;
    const canSwitch = challenge.methods.includes('totp') && challenge.methods.includes('recovery');
    const hasCodes = challenge.methods.includes('totp') || challenge.methods.includes('recovery');
    const offersPasskey = canPasskey && challenge.methods.includes('webauthn');
    const passkeyButton = (
      <Button
        type="button"
        variant={hasCodes ? 'default' : 'filled'}
        loading={passkeyStep.isPending}
        disabled={second.isPending}
        onClick={() => passkeyStep.mutate(challenge)}
      >
        {t('mfa.usePasskey')}
      </Button>
    );
    return (
      <AuthCard
        title={t('mfa.title')}
        onSubmit={() => {
          if (!hasCodes) return;
          setCheckFactor(true);
          if (!factorProblem(mode, factor)) second.mutate(challenge);
        }}
      >
        {!hasCodes && <Text>{offersPasskey ? t('mfa.introPasskey') : t('mfa.passkeyUnsupported')}</Text>}
        <PasskeyAlert error={passkeyStep.error} overrides={{ validation: 'auth:passkey.notVerified' }} />
        {hasCodes && (
          <>
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
            <Button type="submit" loading={second.isPending} disabled={passkeyStep.isPending}>
              {t('mfa.submit')}
            </Button>
          </>
        )}
        {offersPasskey && hasCodes && (
          <Text size="sm" c="dimmed" ta="center">
            {t('login.or')}
          </Text>
        )}
        {offersPasskey && passkeyButton}
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
            passkeyStep.reset();
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
      {passkeyNeedsTenant && !tenant.trim() && (
        <Alert color="yellow" role="status">
          {t('login.passkeyNeedsTenant')}
        </Alert>
      )}
      <PasskeyAlert
        error={passkey.error}
        overrides={{
          unauthenticated: 'auth:passkey.failed',
          'login-method-not-allowed': 'auth:passkey.notAllowed',
        }}
      />
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
      <Button type="submit" loading={mutation.isPending} disabled={passkey.isPending}>
        {t('login.submit')}
      </Button>
      <Text size="sm" c="dimmed" ta="center">
        {t('login.or')}
      </Text>
      {canPasskey && (
        <Button type="button" variant="default" loading={passkey.isPending} onClick={startPasskey}>
          {t('login.passkey')}
        </Button>
      )}
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
