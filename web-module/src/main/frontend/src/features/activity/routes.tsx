import type { Area } from '../../app/areas';
import { Placeholder } from '../../app/ui/Placeholder';

/** The activity area: routes under the admin layout, and its line in the navigation. Owned by the activity helper. */
export const activityArea: Area = {
  id: 'activity',
  nav: { to: '/activity', labelKey: 'activity:nav' },
  routes: [{ path: 'activity/*', element: <Placeholder ns="activity" /> }],
};
