import type { Area } from '../../app/areas';
import { Placeholder } from '../../app/ui/Placeholder';

/** The visitor side: routes under the visitor layout at /l (no admin navigation). Owned by the visitor helper. */
export const visitorArea: Area = {
  id: 'visitor',
  routes: [{ path: ':token/*', element: <Placeholder ns="visitor" /> }],
};
