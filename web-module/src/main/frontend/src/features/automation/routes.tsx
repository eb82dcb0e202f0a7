import type { Area } from '../../app/areas';
import { AutomationPage } from './AutomationPage';
import { DeliveriesPage } from './DeliveriesPage';

/**
 * The automation area: rules, webhooks and their delivery logs (ADMIN+: the navigation line is hidden for others,
 * the server refuses them), and the digest setting.
 */
export const automationArea: Area = {
  id: 'automation',
  nav: { to: '/automation', labelKey: 'automation:nav', minRole: 'ADMIN' },
  routes: [
    { path: 'automation', element: <AutomationPage /> },
    { path: 'automation/webhooks/:id', element: <DeliveriesPage /> },
  ],
};
