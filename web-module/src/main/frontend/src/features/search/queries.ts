/** The search area's server state: the member's search (GET /search) page by page, and the room names for the hits. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type SearchHit = Schemas['SearchHit'];

/** Hits per page (the server's default is 50). */
export const PAGE_SIZE = 20;

export const keys = {
  search: (q: string, roomId: string | null) => ['search', q, roomId ?? ''] as const,
  roomNames: ['search', 'room-names'] as const,
};

/** `GET /search?q=&dataroomId=&limit=&cursor=`, not sent while `q` is blank. */
export function useSearch(q: string, roomId: string | null) {
  return useInfiniteQuery({
    queryKey: keys.search(q, roomId),
    enabled: q.trim().length > 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/search', {
          params: {
            query: {
              q,
              limit: PAGE_SIZE,
              ...(roomId ? { dataroomId: roomId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The names of the rooms the caller sees, by id (a hit carries only its room's id). */
export function useRoomNames() {
  return useQuery({
    queryKey: keys.roomNames,
    staleTime: 60_000,
    queryFn: async () => {
      const names = new Map<string, string>();
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await unwrap(
          api.GET('/api/v1/datarooms', { params: { query: (cursor ? { limit: 200, cursor } : { limit: 200 }) as never } }),
        );
        for (const room of page.items) names.set(room.id, room.name);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return names;
    },
  });
}
