import { Alert, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { TwoFactorSection } from './TwoFactorSection';

/** /account: what every signed-in person manages for themselves. */
export function AccountPage() {
  const { t } = useTranslation('account');
  const [params] = useSearchParams();
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      {params.get('enrol') === 'required' && (
        <Alert color="yellow" role="alert">
          {t('enrolmentRequired')}
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
