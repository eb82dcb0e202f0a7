import type { Area } from '../../app/areas';
import { ActivityPage } from './ActivityPage';

/** The activity area: the stream under /activity (every role: a MEMBER sees the rooms they manage). */
export const activityArea: Area = {
  id: 'activity',
  nav: { to: '/activity', labelKey: 'activity:nav' },
  routes: [{ path: 'activity', element: <ActivityPage /> }],
};
