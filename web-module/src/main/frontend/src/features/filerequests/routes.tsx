import type { Area } from '../../app/areas';
import { FileRequestPage } from './FileRequestPage';

/** The outsiders' side of file requests: `/r/<token>` under the visitor layout (no login, no admin navigation). */
export const fileRequestArea: Area = {
  id: 'filerequests',
  routes: [{ path: ':token', element: <FileRequestPage /> }],
};
