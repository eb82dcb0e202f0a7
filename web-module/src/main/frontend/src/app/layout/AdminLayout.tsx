import { Burger, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { hasRole } from '../areas';
import { useAuth, useMe } from '../auth/AuthProvider';
import { adminAreas } from '../adminAreas';
import { SearchBox } from '../../features/search/SearchBox';
import { LanguageSwitch } from './LanguageSwitch';
import classes from './layout.module.css';

/** The admin side: header (brand, language, account), navigation with one line per area, and the page. */
export function AdminLayout() {
  const { t } = useTranslation(['common', ...adminAreas.map((area) => area.id)]);
  const { logout } = useAuth();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setOpen(false);
  }

  return (
    <>
      <a href="#main" className={classes.skip}>
        {t('common:skipToContent')}
      </a>
      <header className={classes.header}>
        <Burger
          className={classes.menuButton}
          opened={open}
          onClick={() => setOpen((o) => !o)}
          aria-label={t('common:nav.menu')}
          aria-expanded={open}
          aria-controls="main-nav"
          size="sm"
        />
        <Link to="/" className={classes.brand}>
          {t('common:appName')}
        </Link>
        <SearchBox />
        <LanguageSwitch />
        <Group gap="xs" align="center">
          <Text size="sm" data-testid="signed-in-as">
            {t('common:account.signedInAs', { name: me.displayName })}
          </Text>
          <Button component={Link} to="/account" variant="default" size="xs">
            {t('common:account.settings')}
          </Button>
          <Button variant="default" size="xs" onClick={() => void logout()}>
            {t('common:account.logout')}
          </Button>
        </Group>
      </header>
      <div className={classes.shell}>
        <nav id="main-nav" aria-label={t('common:nav.label')} className={`${classes.nav} ${open ? classes.navOpen : ''}`}>
          <ul className={classes.navList}>
            <li>
              <NavLink to="/" end className={classes.navLink}>
                {t('common:nav.home')}
              </NavLink>
            </li>
            {adminAreas
              .filter((area) => area.nav && hasRole(me.role, area.nav.minRole))
              .map((area) => (
                <li key={area.id}>
                  <NavLink to={area.nav!.to} className={classes.navLink}>
                    {t(area.nav!.labelKey)}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <main id="main" className={classes.main} tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </>
  );
}
