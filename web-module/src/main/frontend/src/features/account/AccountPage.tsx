import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { useAuth } from '../../app/auth/AuthProvider';
import { passkeysSupported } from '../../app/auth/passkey';
import { PasskeysSection } from './PasskeysSection';
import { TwoFactorSection, useFreshMe } from './TwoFactorSection';

/** /account: what every signed-in person manages for themselves. Passkeys only where the browser has WebAuthn. */
export function AccountPage() {
  const { t } = useTranslation('account');
  const [params] = useSearchParams();
  const { logout } = useAuth();
  // MFA-18: an account that has a second factor, in a session signed in without it, must sign in again; a passkey is
  // one (PK-8)
  const mfa = useFreshMe().data?.mfa;
  const enrolled = mfa?.totp === true || (mfa?.passkeys ?? 0) > 0;
  const [withPasskeys] = useState(passkeysSupported);
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
      {withPasskeys && (
        <Section id="passkeys" title={t('passkeys.title')}>
          <PasskeysSection />
        </Section>
      )}
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
