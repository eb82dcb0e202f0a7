import type { Area } from '../../app/areas';
import { Placeholder } from '../../app/ui/Placeholder';

/** The audit area: routes under the admin layout, and its line in the navigation. Owned by the audit helper. */
export const auditArea: Area = {
  id: 'audit',
  nav: { to: '/audit', labelKey: 'audit:nav', minRole: 'ADMIN' },
  routes: [{ path: 'audit/*', element: <Placeholder ns="audit" /> }],
};
