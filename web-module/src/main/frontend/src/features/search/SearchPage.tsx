import { Anchor, Button, Checkbox, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { HitList } from './HitList';
import { useRoomNames, useSearch, type SearchHit } from './queries';
import classes from './search.module.css';

/** Where a hit opens: the document page, at the page of the match. */
export function documentPath(hit: SearchHit): string {
  const base = `/rooms/${hit.dataroomId ?? ''}/documents/${hit.documentId}`;
  return hit.page != null ? `${base}?page=${hit.page}` : base;
}

/**
 * `/search?q=&room=&only=1`: the member's search over the rooms they see (SR-1). `room` is the room the search was
 * started in; with `only=1` the search is that room's only.
 */
export function SearchPage() {
  const { t } = useTranslation(['search', 'common']);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const room = params.get('room');
  const only = room !== null && params.get('only') === '1';
  const [text, setText] = useState(q);
  const [lastQ, setLastQ] = useState(q);
  if (lastQ !== q) {
    setLastQ(q);
    setText(q);
  }
  const results = useSearch(q, only ? room : null);
  const names = useRoomNames();
  const roomName = (id: string | undefined) => (id ? names.data?.get(id) : undefined);
  const hits = results.data?.pages.flatMap((page) => page.items) ?? [];

  function go(next: { q?: string; only?: boolean }) {
    const value = (next.q ?? q).trim();
    const out: Record<string, string> = {};
    if (value) out.q = value;
    if (room) out.room = room;
    if (room && (next.only ?? only)) out.only = '1';
    setParams(out);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    go({ q: text });
  }

  return (
    <>
      <Title order={1} mb="md">
        {t('title')}
      </Title>
      <form role="search" aria-label={t('title')} className={classes.form} onSubmit={submit} noValidate>
        <TextInput
          label={t('page.query')}
          description={t('page.queryHint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={200}
          w={420}
          maw="100%"
          data-autofocus
        />
        <Button type="submit">{t('page.submit')}</Button>
      </form>
      {room && (
        <Checkbox
          mb="md"
          label={roomName(room) ? t('page.onlyRoom', { room: roomName(room) }) : t('page.onlyThisRoom')}
          checked={only}
          onChange={(e) => go({ only: e.currentTarget.checked })}
        />
      )}
      <div aria-live="polite">
        {!q.trim() ? (
          <Text c="dimmed">{t('page.prompt')}</Text>
        ) : results.isPending ? (
          <Loading label={t('page.searching')} />
        ) : results.isError ? (
          <ProblemAlert error={results.error} overrides={{ validation: 'search:errors.query' }} />
        ) : hits.length === 0 ? (
          <Text data-testid="search-empty">{t('page.empty', { q })}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed" mb="xs">
              {results.hasNextPage ? t('page.countMore', { count: hits.length }) : t('page.count', { count: hits.length })}
            </Text>
            <HitList
              hits={hits}
              label={t('page.results', { q })}
              roomName={(hit) => roomName(hit.dataroomId)}
              open={(hit) => (
                <Anchor component={Link} to={documentPath(hit)}>
                  {hit.name}
                </Anchor>
              )}
            />
          </>
        )}
      </div>
      {results.hasNextPage && !results.isError && (
        <Button mt="md" variant="default" loading={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
          {t('page.more')}
        </Button>
      )}
    </>
  );
}
