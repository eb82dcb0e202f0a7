import type { Area } from '../../app/areas';
import { Placeholder } from '../../app/ui/Placeholder';

/** The rooms area: routes under the admin layout, and its line in the navigation. Owned by the rooms helper. */
export const roomsArea: Area = {
  id: 'rooms',
  nav: { to: '/rooms', labelKey: 'rooms:nav' },
  routes: [{ path: 'rooms/*', element: <Placeholder ns="rooms" /> }],
};
