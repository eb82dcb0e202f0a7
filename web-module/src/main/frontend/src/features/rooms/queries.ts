/** The rooms area's server state: query keys and fetchers over the one API client. */
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap, type Schemas } from '../../api/client';

export type DataRoom = Schemas['DataRoom'];
export type Document = Schemas['Document'];
export type Group = Schemas['Group'];
export type Member = Schemas['Member'];
export type EffectivePermission = Schemas['EffectivePermission'];

export const keys = {
  rooms: ['rooms'] as const,
  room: (id: string) => ['rooms', id] as const,
  tree: (id: string) => ['rooms', id, 'tree'] as const,
  trash: (id: string) => ['rooms', id, 'trash'] as const,
  grants: (id: string) => ['rooms', id, 'grants'] as const,
  effectiveAll: (id: string) => ['rooms', id, 'effective'] as const,
  effective: (id: string, folderId: string | null) => ['rooms', id, 'effective', folderId ?? ''] as const,
  document: (id: string) => ['documents', id] as const,
  groups: ['groups'] as const,
  members: ['rooms', 'members'] as const,
};

export function useRoom(id: string) {
  return useQuery({
    queryKey: keys.room(id),
    queryFn: () => unwrap(api.GET('/api/v1/datarooms/{id}', { params: { path: { id } } })),
  });
}

export function useTree(id: string) {
  return useQuery({
    queryKey: keys.tree(id),
    queryFn: () => unwrap(api.GET('/api/v1/datarooms/{id}/tree', { params: { path: { id } } })),
  });
}

/**
 * `?limit=&cursor=` of the contract's lists. The OpenAPI snapshot does not declare these query parameters (a gap
 * reported to the lead), so the generated types have no place for them; this is the one cast around that.
 */
export function pageQuery(cursor: string | undefined, limit = 200): never {
  return (cursor ? { limit, cursor } : { limit }) as never;
}

/** Every page of a list endpoint, following nextCursor (the lists here are small: groups, members, trash). */
async function all<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const answer = await page(cursor);
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return items;
}

export function useGroups() {
  return useQuery({
    queryKey: keys.groups,
    queryFn: () =>
      all((cursor) => unwrap(api.GET('/api/v1/groups', { params: { query: pageQuery(cursor) } }))),
  });
}

/**
 * The tenant's members (names for the grants editor). `GET /members` is for OWNER/ADMIN: for anyone else the
 * answer is null and the editor shows what it knows.
 */
export function useMembers() {
  return useQuery({
    queryKey: keys.members,
    queryFn: async () => {
      try {
        return await all((cursor) =>
          unwrap(api.GET('/api/v1/members', { params: { query: pageQuery(cursor) } })),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) return null;
        throw error;
      }
    },
  });
}

export function useTrash(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.trash(id),
    enabled,
    queryFn: () =>
      all((cursor) =>
        unwrap(api.GET('/api/v1/datarooms/{id}/trash', { params: { path: { id }, query: pageQuery(cursor) } })),
      ),
  });
}

export function useGrants(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.grants(id),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/datarooms/{id}/grants', { params: { path: { id } } })),
  });
}

/** Every member's effective permission at the room (folderId null) or a folder, and why (PERM-22). */
export function useEffectivePermissions(id: string, folderId: string | null) {
  return useQuery({
    queryKey: keys.effective(id, folderId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/datarooms/{id}/effective-permissions', {
          params: { path: { id }, query: folderId ? { folderId } : {} },
        }),
      ),
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: keys.document(id),
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
  });
}
