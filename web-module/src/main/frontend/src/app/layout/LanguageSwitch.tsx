import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage } from '../i18n';

/** The language switch (English / Deutsch); the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <NativeSelect
      label={t('language')}
      size="xs"
      value={currentLanguage()}
      onChange={(event) => void i18n.changeLanguage(event.currentTarget.value)}
      data={LANGUAGES.map((lng) => ({ value: lng, label: t(`languages.${lng}`) }))}
      data-testid="language-switch"
    />
  );
}
