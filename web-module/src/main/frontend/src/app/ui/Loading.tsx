import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The loading state of a page or a list: a spinner with a spoken label. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation('common');
  return (
    <Center role="status" py="xl">
      <Loader size="sm" />
      <VisuallyHidden>{label ?? t('loading')}</VisuallyHidden>
    </Center>
  );
}
