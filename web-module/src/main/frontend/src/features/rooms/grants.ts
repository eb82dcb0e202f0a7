/**
 * The permission editor's logic, without React (grants.test.ts): the contract reads and replaces a room's grants as
 * one bare array `[{principal: {type, id}, folderId, permission}]` (PUT replaces the whole list atomically), so the
 * editor changes a draft copy of that array for one scope (the room, `folderId: null`, or one folder) and leaves
 * every other scope's grants exactly as they were.
 *
 * It never computes anyone's effective permission: the server decides that (inheritance, overrides, groups, roles)
 * and tells it per member (`GET /datarooms/{id}/effective-permissions`, shown by EffectivePermissions.tsx).
 */
import type { Schemas } from '../../api/client';

export type Permission = Schemas['DataRoom']['myPermission'];
export type Principal = Schemas['Principal'];
export interface Grant {
  principal: Principal;
  folderId?: string | null;
  permission: Permission;
}

export const PERMISSIONS: readonly Permission[] = ['NONE', 'VIEW', 'DOWNLOAD', 'UPLOAD', 'MANAGE'];
/** The contract's limit of one PUT. */
export const MAX_GRANTS = 1000;

export function principalKey(principal: Principal): string {
  return `${principal.type}:${principal.id}`;
}

function scopeOf(grant: Grant): string | null {
  return grant.folderId ?? null;
}

/** The grants of one scope (the room: null), in the order of the list. */
export function grantsAt(grants: readonly Grant[], folderId: string | null): Grant[] {
  return grants.filter((grant) => scopeOf(grant) === folderId);
}

/** Gives `principal` `permission` at the scope: changes its grant there, or adds one (at the end). */
export function setGrant(grants: readonly Grant[], principal: Principal, folderId: string | null, permission: Permission): Grant[] {
  const key = principalKey(principal);
  let found = false;
  const next = grants.map((grant) => {
    if (scopeOf(grant) === folderId && principalKey(grant.principal) === key) {
      found = true;
      return { ...grant, permission };
    }
    return grant;
  });
  if (!found) next.push({ principal: { type: principal.type, id: principal.id }, folderId, permission });
  return next;
}

/** Removes `principal`'s grant at the scope (grants elsewhere stay). */
export function removeGrant(grants: readonly Grant[], principal: Principal, folderId: string | null): Grant[] {
  const key = principalKey(principal);
  return grants.filter((grant) => !(scopeOf(grant) === folderId && principalKey(grant.principal) === key));
}

/** The body of the PUT: every grant with an explicit folderId (null for the room), no duplicates per scope. */
export function toRequest(grants: readonly Grant[]): Grant[] {
  const seen = new Map<string, Grant>();
  for (const grant of grants) {
    const folderId = scopeOf(grant);
    seen.set(`${folderId ?? ''}|${principalKey(grant.principal)}`, {
      principal: { type: grant.principal.type, id: grant.principal.id },
      folderId,
      permission: grant.permission,
    });
  }
  return [...seen.values()];
}

/** True when the two lists grant the same (order does not matter). */
export function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  const flat = (list: readonly Grant[]) =>
    toRequest(list)
      .map((g) => `${g.folderId ?? ''}|${principalKey(g.principal)}|${g.permission}`)
      .sort()
      .join('\n');
  return flat(a) === flat(b);
}

/**
 * The grants on the folders above a scope (nearest first), to show next to the editor as they are — read as data,
 * not combined into anyone's effective permission. `ancestors` are the folder ids from the scope's parent upwards.
 */
export function grantsAbove(grants: readonly Grant[], ancestors: readonly (string | null)[]): { folderId: string | null; grants: Grant[] }[] {
  return ancestors.map((folderId) => ({ folderId, grants: grantsAt(grants, folderId) })).filter((entry) => entry.grants.length > 0);
}

/** Who can still be added at a scope: the candidates without a grant there. */
export function addable<T extends Principal>(grants: readonly Grant[], folderId: string | null, candidates: readonly T[]): T[] {
  const taken = new Set(grantsAt(grants, folderId).map((grant) => principalKey(grant.principal)));
  return candidates.filter((candidate) => !taken.has(principalKey(candidate)));
}

export function rank(permission: Permission): number {
  return PERMISSIONS.indexOf(permission);
}

/** True when the caller's own level allows editing grants (only MANAGE reads or changes them). */
export function canManage(permission: Permission | undefined): boolean {
  return permission === 'MANAGE';
}
