import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { filtersToQuery, type ActivityFilters } from './filters';

/** The activity stream as pages of `GET /activity` (keyset cursor), for "load more". */
export function useActivity(filters: ActivityFilters, options: { limit: number; enabled?: boolean }) {
  const query = filtersToQuery(filters);
  return useInfiniteQuery({
    queryKey: ['activity', query, options.limit],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/activity', {
          params: { query: { ...query, limit: options.limit, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    enabled: options.enabled ?? true,
  });
}
