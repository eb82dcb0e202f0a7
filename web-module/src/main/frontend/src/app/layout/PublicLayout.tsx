import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { LanguageSwitch } from './LanguageSwitch';
import classes from './layout.module.css';

/** Log in, sign up, verify, reset, invitation: a narrow column, no navigation. */
export function PublicLayout() {
  const { t } = useTranslation('common');
  return (
    <>
      <header className={classes.header}>
        <Link to="/" className={classes.brand}>
          {t('appName')}
        </Link>
        <Group>
          <LanguageSwitch />
        </Group>
      </header>
      <main id="main" className={classes.narrow}>
        <Outlet />
      </main>
    </>
  );
}
