/**
 * The admin areas, one line each, in navigation order. Each area owns its folder src/features/<area>/ (routes.tsx)
 * and its message files src/locales/<lng>/<area>.json.
 */
import { accountArea } from '../features/account/routes';
import { activityArea } from '../features/activity/routes';
import { analyticsArea } from '../features/analytics/routes';
import { auditArea } from '../features/audit/routes';
import { automationArea } from '../features/automation/routes';
import { linksArea } from '../features/links/routes';
import { membersArea } from '../features/members/routes';
import { roomsArea } from '../features/rooms/routes';
import { searchArea } from '../features/search/routes';
import { settingsArea } from '../features/settings/routes';
import type { Area } from './areas';

export const adminAreas: Area[] = [
  roomsArea,
  searchArea,
  linksArea,
  analyticsArea,
  activityArea,
  automationArea,
  membersArea,
  auditArea,
  settingsArea,
  accountArea,
];
