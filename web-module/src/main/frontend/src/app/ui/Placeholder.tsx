import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The page an area shows until its helper fills it: the area's title (`<ns>:title`) and one sentence. */
export function Placeholder({ ns }: { ns: string }) {
  const { t } = useTranslation([ns, 'common']);
  return (
    <>
      <Title order={1}>{t(`${ns}:title`)}</Title>
      <Text mt="md">{t('common:placeholder')}</Text>
    </>
  );
}
