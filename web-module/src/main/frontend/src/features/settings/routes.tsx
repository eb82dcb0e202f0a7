import type { Area } from '../../app/areas';
import { SettingsPage } from './SettingsPage';

/** The organisation's settings (ADMIN and OWNER; the API refuses the others anyway): sign-in security. */
export const settingsArea: Area = {
  id: 'settings',
  nav: { to: '/settings/security', labelKey: 'settings:nav', minRole: 'ADMIN' },
  routes: [
    { path: 'settings', element: <SettingsPage /> },
    { path: 'settings/:tab', element: <SettingsPage /> },
  ],
};
