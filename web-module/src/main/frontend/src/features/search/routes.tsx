import type { Area } from '../../app/areas';
import { SearchPage } from './SearchPage';

/** Full-text search (issue 18): the results page; the box is in the admin header. No line in the navigation. */
export const searchArea: Area = {
  id: 'search',
  routes: [{ path: 'search', element: <SearchPage /> }],
};
