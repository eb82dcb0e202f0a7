import type { Area } from '../../app/areas';
import { LinksPage } from './LinksPage';

/** The links area: routes under the admin layout, and its line in the navigation. */
export const linksArea: Area = {
  id: 'links',
  nav: { to: '/links', labelKey: 'links:nav' },
  routes: [{ path: 'links/*', element: <LinksPage /> }],
};
