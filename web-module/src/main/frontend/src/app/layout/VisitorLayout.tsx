import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { LanguageSwitch } from './LanguageSwitch';
import classes from './layout.module.css';

/**
 * The visitor side (/l/<token>, and /r/<token> of file requests): no admin navigation, no account; only the language
 * switch.
 */
export function VisitorLayout() {
  const { t } = useTranslation('common');
  return (
    <>
      <header className={classes.header}>
        <span className={classes.brand}>{t('appName')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className={classes.main}>
        <Outlet />
      </main>
    </>
  );
}
