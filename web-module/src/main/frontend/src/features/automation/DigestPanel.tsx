import { Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { useDigest, useSetDigest } from './queries';

/** The caller's own daily digest (`GET/PUT /automations/digest`): any member, for themselves. */
export function DigestPanel() {
  const { t } = useTranslation('automation');
  const digest = useDigest();
  const set = useSetDigest();
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('digest.title')}
      </Title>
      <Text>{t('digest.body')}</Text>
      {digest.isPending ? (
        <Loading />
      ) : digest.isError ? (
        <ProblemAlert error={digest.error} />
      ) : (
        <>
          <Switch
            label={t('digest.switch')}
            checked={digest.data.enabled}
            disabled={set.isPending}
            onChange={(e) => set.mutate(e.currentTarget.checked)}
          />
          <Text size="sm" c="dimmed" role="status">
            {digest.data.enabled ? t('digest.on') : t('digest.off')}
          </Text>
        </>
      )}
      <ProblemAlert error={set.error} />
    </Stack>
  );
}
