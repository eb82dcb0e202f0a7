import { Button, CloseButton, Group, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { HitList, type SearchHit } from '../search';
import classes from './visitor.module.css';

const PAGE_SIZE = 20;

function searchLink(token: string, visitorToken: string, q: string, cursor?: string, limit = PAGE_SIZE) {
  return api.GET('/api/v1/public/links/{token}/search', {
    params: {
      path: { token },
      query: { q, limit, ...(cursor ? { cursor } : {}) },
      header: { 'X-Visitor-Token': visitorToken },
    },
  });
}

/**
 * Whether the link allows search (SR-5): the link's intro does not tell, so one small search is asked. A link
 * without allowSearch answers 404 (as an unknown link); any other answer means the endpoint is there.
 */
export function useLinkSearchAllowed(token: string, visitorToken: string): boolean {
  const probe = useQuery({
    queryKey: ['visitor', token, visitorToken, 'search-allowed'],
    queryFn: async () => {
      const { response } = await searchLink(token, visitorToken, 'a', undefined, 1);
      return response.status !== 404 && response.status !== 401 && response.status !== 410;
    },
    staleTime: Infinity,
    retry: false,
  });
  return probe.data === true;
}

/**
 * The visitor's search over what the link shows: a box with a short hint (that search is there, and what it covers),
 * and while a search is on, its hits instead of `children`
 * (the tree). A hit opens its document in the viewer (at the hit's page).
 */
export function VisitorSearch({ token, visitorToken, onOpen, onSessionEnded, children }: {
  token: string;
  visitorToken: string;
  onOpen: (hit: SearchHit) => void;
  onSessionEnded: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation(['search', 'common']);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const results = useInfiniteQuery({
    queryKey: ['visitor', token, visitorToken, 'search', q],
    enabled: q.length > 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(searchLink(token, visitorToken, q, pageParam)),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const endedRef = useRef(onSessionEnded);
  endedRef.current = onSessionEnded;
  useEffect(() => {
    if (results.error instanceof ApiError && results.error.status === 401) endedRef.current();
  }, [results.error]);
  const hits = results.data?.pages.flatMap((page) => page.items) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setQ(text.trim());
  }

  function clear() {
    setText('');
    setQ('');
  }

  return (
    <>
      <form role="search" aria-label={t('visitor.label')} className={classes.search} onSubmit={submit} noValidate>
        <TextInput
          size="xs"
          type="search"
          aria-label={t('visitor.label')}
          placeholder={t('visitor.placeholder')}
          description={t('visitor.hint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={200}
          className={classes.searchInput}
        />
        <Button size="xs" variant="default" type="submit">
          {t('visitor.submit')}
        </Button>
      </form>
      {q === '' ? (
        children
      ) : (
        <div aria-live="polite" className={classes.searchResults}>
          <Group justify="space-between" gap="xs" wrap="nowrap" mb="xs">
            <Text size="sm" fw={600}>{t('visitor.results', { q })}</Text>
            <CloseButton size="sm" aria-label={t('visitor.clear')} onClick={clear} />
          </Group>
          {results.isPending ? (
            <Loading label={t('page.searching')} />
          ) : results.isError ? (
            <ProblemAlert error={results.error} overrides={{ validation: 'search:errors.query' }} />
          ) : hits.length === 0 ? (
            <Text size="sm" data-testid="search-empty">{t('page.empty', { q })}</Text>
          ) : (
            <HitList
              hits={hits}
              label={t('visitor.results', { q })}
              open={(hit) => (
                <UnstyledButton className={classes.hitButton} onClick={() => onOpen(hit)}>
                  {hit.name}
                </UnstyledButton>
              )}
            />
          )}
          {results.hasNextPage && (
            <Button mt="xs" size="xs" variant="default" loading={results.isFetchingNextPage}
              onClick={() => void results.fetchNextPage()}>
              {t('page.more')}
            </Button>
          )}
        </div>
      )}
    </>
  );
}
