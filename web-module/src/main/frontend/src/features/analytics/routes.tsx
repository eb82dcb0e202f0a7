import type { Area } from '../../app/areas';
import { Placeholder } from '../../app/ui/Placeholder';

/** The analytics area: routes under the admin layout, and its line in the navigation. Owned by the analytics helper. */
export const analyticsArea: Area = {
  id: 'analytics',
  nav: { to: '/analytics', labelKey: 'analytics:nav' },
  routes: [{ path: 'analytics/*', element: <Placeholder ns="analytics" /> }],
};
