import type { RouteObject } from 'react-router-dom';

export type Role = 'OWNER' | 'ADMIN' | 'MEMBER';

/** One area of the app (a folder under src/features/): its routes and its line in the navigation. */
export interface Area {
  id: string;
  /** The area's line in the admin navigation; `labelKey` is `<area>:nav`. */
  nav?: { to: string; labelKey: string; minRole?: Role };
  /** Routes relative to the layout the area lives in (admin: "/", visitor: "/l"). */
  routes: RouteObject[];
}

const RANK: Record<Role, number> = { MEMBER: 0, ADMIN: 1, OWNER: 2 };

export function hasRole(role: Role, min: Role | undefined): boolean {
  return min === undefined || RANK[role] >= RANK[min];
}
