import type { Area } from '../../app/areas';
import { MembersPage } from './MembersPage';

/** The members area: people, invitations, API keys (ADMIN and OWNER; the API refuses the others anyway). */
export const membersArea: Area = {
  id: 'members',
  nav: { to: '/members', labelKey: 'members:nav', minRole: 'ADMIN' },
  routes: [
    { path: 'members', element: <MembersPage /> },
    { path: 'members/:tab', element: <MembersPage /> },
  ],
};
