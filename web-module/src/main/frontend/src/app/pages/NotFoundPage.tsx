import { Anchor, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation('common');
  return (
    <>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text mt="md">{t('notFound.body')}</Text>
      <Anchor component={Link} to="/" mt="md" display="inline-block">
        {t('notFound.home')}
      </Anchor>
    </>
  );
}
