import type { Area } from '../../app/areas';
import { AccountPage } from './AccountPage';

/** The signed-in person's own account: profile, two-factor authentication, sessions. Linked from the header. */
export const accountArea: Area = {
  id: 'account',
  routes: [{ path: 'account', element: <AccountPage /> }],
};
