import type { Area } from '../../app/areas';
import { VisitorPage } from './VisitorPage';

/** The visitor side: routes under the visitor layout at /l (no admin navigation). */
export const visitorArea: Area = {
  id: 'visitor',
  routes: [{ path: ':token/*', element: <VisitorPage /> }],
};
