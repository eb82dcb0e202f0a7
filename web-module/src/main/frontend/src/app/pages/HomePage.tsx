import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/AuthProvider';

/** The start page after login. Recent activity arrives in phase 2. */
export function HomePage() {
  const { t } = useTranslation('home');
  const me = useMe();
  return (
    <>
      <Title order={1}>{t('title', { name: me.displayName })}</Title>
      <Text mt="md">{t('intro')}</Text>
    </>
  );
}
