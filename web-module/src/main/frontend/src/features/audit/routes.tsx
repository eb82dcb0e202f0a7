import type { Area } from '../../app/areas';
import { AuditPage } from './AuditPage';

/** The audit area (OWNER/ADMIN: the navigation line is hidden for others; the server refuses them with 403). */
export const auditArea: Area = {
  id: 'audit',
  nav: { to: '/audit', labelKey: 'audit:nav', minRole: 'ADMIN' },
  routes: [{ path: 'audit', element: <AuditPage /> }],
};
