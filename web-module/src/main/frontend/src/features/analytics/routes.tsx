import type { Area } from '../../app/areas';
import { AnalyticsHome, DocumentAnalyticsPage, LinkAnalyticsPage, RoomAnalyticsPage } from './pages';

/** The analytics area: routes under the admin layout, and its line in the navigation. */
export const analyticsArea: Area = {
  id: 'analytics',
  nav: { to: '/analytics', labelKey: 'analytics:nav' },
  routes: [
    { path: 'analytics', element: <AnalyticsHome /> },
    { path: 'analytics/links/:id', element: <LinkAnalyticsPage /> },
    { path: 'analytics/documents/:id', element: <DocumentAnalyticsPage /> },
    { path: 'analytics/rooms/:id', element: <RoomAnalyticsPage /> },
  ],
};
