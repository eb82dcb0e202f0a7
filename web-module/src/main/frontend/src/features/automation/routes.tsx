import type { Area } from '../../app/areas';
import { Placeholder } from '../../app/ui/Placeholder';

/** The automation area: routes under the admin layout, and its line in the navigation. Owned by the automation helper. */
export const automationArea: Area = {
  id: 'automation',
  nav: { to: '/automation', labelKey: 'automation:nav', minRole: 'ADMIN' },
  routes: [{ path: 'automation/*', element: <Placeholder ns="automation" /> }],
};
