import type { Area } from '../../app/areas';
import { Placeholder } from '../../app/ui/Placeholder';

/** The links area: routes under the admin layout, and its line in the navigation. Owned by the links helper. */
export const linksArea: Area = {
  id: 'links',
  nav: { to: '/links', labelKey: 'links:nav' },
  routes: [{ path: 'links/*', element: <Placeholder ns="links" /> }],
};
