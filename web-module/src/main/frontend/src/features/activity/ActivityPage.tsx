import { Alert, Button, CloseButton, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { hasRole } from '../../app/areas';
import { useMe } from '../../app/auth/AuthProvider';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { ActivityEvent } from './ActivityEvent';
import { ALL_EVENT_TYPES, eventTypeKey } from './eventTypes';
import {
  filtersFromSearch,
  filtersToSearch,
  isWholeStream,
  isoToLocalInput,
  localInputToIso,
  rangeInverted,
  type ActivityFilters,
} from './filters';
import { useLinks, useNames, useRooms } from './names';
import { useActivity } from './useActivity';
import classes from './activity.module.css';

const PAGE = 50;

/** The activity stream: filters (room, link, document, event, time range) in the URL, newest first, "load more". */
export function ActivityPage() {
  const { t } = useTranslation(['activity', 'common']);
  const me = useMe();
  const admin = hasRole(me.role, 'ADMIN');
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const rooms = useRooms();
  const links = useLinks();
  const inverted = rangeInverted(filters);
  // A MEMBER may read the stream of what they manage only (the server answers 403 for the whole stream).
  const allowed = admin || !isWholeStream(filters);
  const activity = useActivity(filters, { limit: PAGE, enabled: allowed && !inverted });
  const items = useMemo(() => activity.data?.pages.flatMap((page) => page.items) ?? [], [activity.data]);
  const names = useNames(items, me.role);
  const loadMoreError = activity.isFetchNextPageError ? activity.error : null;

  function update(change: Partial<ActivityFilters>) {
    const next = { ...filters, ...change };
    for (const key of Object.keys(next) as (keyof ActivityFilters)[]) if (!next[key]) delete next[key];
    setSearch(filtersToSearch(next), { replace: true });
  }

  const roomOptions = (rooms.data?.items ?? [])
    .filter((room) => admin || room.myPermission === 'MANAGE')
    .map((room) => ({ value: room.id, label: room.name }));
  const linkOptions = (links.data?.items ?? []).map((link) => ({
    value: link.id,
    label: link.name ?? t('activity:object.linkUnnamedPhrase'),
  }));
  const typeOptions = ALL_EVENT_TYPES.map((type) => ({ value: type, label: t(eventTypeKey(type)) })).sort((a, b) =>
    a.label.localeCompare(b.label, t('common:locale')),
  );
  const filtered = Object.keys(filters).length > 0;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('activity:title')}</Title>
        <Text mt="xs">{admin ? t('activity:intro') : t('activity:memberIntro')}</Text>
      </div>
      <form role="search" aria-label={t('activity:filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div className={classes.filters}>
          <NativeSelect
            label={t('activity:filters.room')}
            value={filters.dataroomId ?? ''}
            onChange={(e) => update({ dataroomId: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('activity:filters.anyRoom') }, ...roomOptions]}
          />
          <NativeSelect
            label={t('activity:filters.link')}
            value={filters.linkId ?? ''}
            onChange={(e) => update({ linkId: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('activity:filters.anyLink') }, ...linkOptions]}
          />
          <NativeSelect
            label={t('activity:filters.type')}
            value={filters.type ?? ''}
            onChange={(e) => update({ type: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('activity:filters.anyType') }, ...typeOptions]}
          />
          <TextInput
            type="datetime-local"
            label={t('activity:filters.from')}
            value={isoToLocalInput(filters.from)}
            onChange={(e) => update({ from: localInputToIso(e.currentTarget.value) })}
          />
          <TextInput
            type="datetime-local"
            label={t('activity:filters.to')}
            value={isoToLocalInput(filters.to)}
            onChange={(e) => update({ to: localInputToIso(e.currentTarget.value) })}
            error={inverted ? t('activity:filters.toBeforeFrom') : undefined}
          />
        </div>
        <Group mt="sm" gap="sm">
          {filters.documentId && (
            <Group gap={4} className={classes.when}>
              <Text size="sm">
                {t('activity:filters.document', {
                  name: names.document(filters.documentId) ?? t('activity:object.documentUnknown'),
                })}
              </Text>
              <CloseButton
                size="sm"
                aria-label={t('activity:filters.clearDocument')}
                onClick={() => update({ documentId: undefined })}
              />
            </Group>
          )}
          {filtered && (
            <Button variant="default" size="xs" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
              {t('activity:filters.reset')}
            </Button>
          )}
        </Group>
      </form>

      {!allowed ? null : inverted ? (
        <Alert color="yellow">{t('activity:filters.toBeforeFrom')}</Alert>
      ) : activity.isPending ? (
        <Loading />
      ) : activity.isError && !activity.data ? (
        <ProblemAlert error={activity.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="activity-empty">
          {filtered ? t('activity:list.empty') : t('activity:list.emptyAll')}
        </Text>
      ) : (
        <>
          <ul className={classes.list} aria-label={t('activity:list.label')}>
            {items.map((item) => (
              <ActivityEvent
                key={item.id}
                item={item}
                names={names}
                {...(filters.documentId ? {} : { onDocument: (id: string) => update({ documentId: id }) })}
              />
            ))}
          </ul>
          {activity.hasNextPage ? (
            <Button
              variant="default"
              onClick={() => void activity.fetchNextPage()}
              loading={activity.isFetchingNextPage}
              style={{ alignSelf: 'center' }}
            >
              {t('activity:list.loadMore')}
            </Button>
          ) : (
            <Text c="dimmed" size="sm" ta="center">
              {t('activity:list.end')}
            </Text>
          )}
          <ProblemAlert error={loadMoreError} />
        </>
      )}
    </Stack>
  );
}
