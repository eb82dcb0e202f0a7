import type { Area } from '../../app/areas';
import { Placeholder } from '../../app/ui/Placeholder';

/** The members area: routes under the admin layout, and its line in the navigation. Owned by the members helper. */
export const membersArea: Area = {
  id: 'members',
  nav: { to: '/members', labelKey: 'members:nav', minRole: 'ADMIN' },
  routes: [{ path: 'members/*', element: <Placeholder ns="members" /> }],
};
