import type { Area } from '../../app/areas';
import { DocumentPage } from './DocumentPage';
import { GroupsPage } from './GroupsPage';
import { RoomPage } from './RoomPage';
import { RoomsPage } from './RoomsPage';

/** The rooms area: routes under the admin layout, and its line in the navigation. Owned by the rooms helper. */
export const roomsArea: Area = {
  id: 'rooms',
  nav: { to: '/rooms', labelKey: 'rooms:nav' },
  routes: [
    { path: 'rooms', element: <RoomsPage /> },
    { path: 'rooms/groups', element: <GroupsPage /> },
    { path: 'rooms/:roomId', element: <RoomPage /> },
    { path: 'rooms/:roomId/documents/:documentId', element: <DocumentPage /> },
  ],
};
