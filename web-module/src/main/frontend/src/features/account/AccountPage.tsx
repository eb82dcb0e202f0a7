import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { useAuth } from '../../app/auth/AuthProvider';
import { TwoFactorSection, useFreshMe } from './TwoFactorSection';

/** /account: what every signed-in person manages for themselves. */
export function AccountPage() {
  const { t } = useTranslation('account');
  const [params] = useSearchParams();
  const { logout } = useAuth();
  // MFA-18: an account that has a second factor, in a session signed in without it, must sign in again
  const enrolled = useFreshMe().data?.mfa?.totp === true;
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      {params.get('enrol') === 'required' && !enrolled && (
        <Alert color="yellow" role="alert">
          {t('enrolmentRequired')}
        </Alert>
      )}
      {params.get('enrol') === 'required' && enrolled && (
        <Alert color="yellow" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('signInAgainRequired')}</Text>
            <Button size="xs" onClick={() => void logout()}>
              {t('signInAgain')}
            </Button>
          </Stack>
        </Alert>
      )}
      <Section id="profile" title={t('profile.title')}>
        <ProfileSection />
      </Section>
      <Section id="two-factor" title={t('totp.title')}>
        <TwoFactorSection />
      </Section>
      <Section id="sessions" title={t('sessions.title')}>
        <SessionsSection />
      </Section>
    </Stack>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h3" mb="sm" id={`${id}-title`}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}
