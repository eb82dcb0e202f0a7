import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../ui/ProblemAlert';
import { AuthCard } from './AuthCard';
import { isSlug, passwordProblem, slugFrom } from './passwords';

export function SignupPage() {
  const { t } = useTranslation('auth');
  const [tenantName, setTenantName] = useState('');
  const [tenantSlug, setTenantSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/auth/signup', {
          body: { tenantName: tenantName.trim(), tenantSlug, email: email.trim(), password, displayName: displayName.trim() },
        }),
      ),
  });

  const pwProblem = passwordProblem(password);
  const slugBad = tenantSlug !== '' && !isSlug(tenantSlug);

  if (mutation.isSuccess) {
    return (
      <AuthCard title={t('signup.sentTitle')}>
        <Alert color="green" role="status">
          {t('signup.sent', { email: email.trim() })}
        </Alert>
        <Anchor component={Link} to="/login" state={{ tenant: tenantSlug, email: email.trim() }}>
          {t('signup.login')}
        </Anchor>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t('signup.title')}
      onSubmit={() => {
        setSubmitted(true);
        if (!pwProblem && isSlug(tenantSlug)) mutation.mutate();
      }}
    >
      <ProblemAlert error={mutation.error} overrides={{ conflict: 'auth:signup.taken' }} />
      <TextInput
        label={t('fields.tenantName')}
        name="tenantName"
        autoComplete="organization"
        required
        value={tenantName}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setTenantName(value);
          if (!slugTouched) setTenantSlug(slugFrom(value));
        }}
      />
      <TextInput
        label={t('fields.tenantSlug')}
        description={t('fields.tenantSlugHint')}
        name="tenantSlug"
        required
        value={tenantSlug}
        error={slugBad || (submitted && !isSlug(tenantSlug)) ? t('slugInvalid') : undefined}
        onChange={(e) => {
          setSlugTouched(true);
          setTenantSlug(e.currentTarget.value);
        }}
      />
      <TextInput
        label={t('fields.displayName')}
        name="displayName"
        autoComplete="name"
        required
        value={displayName}
        onChange={(e) => setDisplayName(e.currentTarget.value)}
      />
      <TextInput
        label={t('fields.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <PasswordInput
        label={t('fields.password')}
        description={t('fields.passwordHint')}
        name="password"
        autoComplete="new-password"
        required
        value={password}
        error={submitted && pwProblem ? t(pwProblem) : undefined}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
      <Button type="submit" loading={mutation.isPending}>
        {t('signup.submit')}
      </Button>
      <Text size="sm">
        {t('signup.haveAccount')}{' '}
        <Anchor component={Link} to="/login">
          {t('signup.login')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
