import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { TFunction } from 'i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { downloadFile } from '../../api/download';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { ALL_EVENT_TYPES, eventTypeKey } from '../activity/eventTypes';
import { isoToLocalInput, localInputToIso, rangeInverted } from '../activity/filters';
import { formatWhen } from '../activity/sentence';
import {
  auditFiltersFromSearch,
  auditFiltersToQuery,
  auditFiltersToSearch,
  exportFileName,
  type AuditFilters,
} from './filters';
import classes from './audit.module.css';

type Entry = Schemas['AuditEntry'];

function shortId(id: string | null | undefined): string {
  return id ? id.substring(0, 8) : '';
}

export function actorText(entry: Entry, t: TFunction): string {
  const { actor } = entry;
  if (actor.label) return actor.label;
  switch (actor.type) {
    case 'USER':
      return actor.id ? t('audit:actor.USER', { id: shortId(actor.id) }) : t('audit:actor.unknown');
    case 'VISITOR':
      return actor.id ? t('audit:actor.VISITOR', { id: shortId(actor.id) }) : t('audit:actor.visitorUnknown');
    default:
      return t('audit:actor.SYSTEM');
  }
}

/** The audit log (OWNER/ADMIN): filters in the URL, newest first with "load more", verify, CSV export. */
export function AuditPage() {
  const { t } = useTranslation(['audit', 'activity', 'common']);
  const locale = t('common:locale');
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => auditFiltersFromSearch(search), [search]);
  const query = auditFiltersToQuery(filters);
  const inverted = rangeInverted(filters);
  const members = useQuery({
    queryKey: ['members', 'names'],
    queryFn: () => unwrap(api.GET('/api/v1/members')),
    staleTime: 5 * 60_000,
  });
  const entries = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/audit', { params: { query: { ...query, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    enabled: !inverted,
  });
  const verify = useMutation({ mutationFn: () => unwrap(api.GET('/api/v1/audit/verify')) });
  const exporter = useMutation({
    mutationFn: () =>
      downloadFile(api.GET('/api/v1/audit/export', { params: { query }, parseAs: 'blob' }), exportFileName(new Date()), {
        ownName: true,
      }),
  });
  const items = useMemo(() => entries.data?.pages.flatMap((p) => p.items) ?? [], [entries.data]);
  const brokenId = verify.data && !verify.data.ok ? verify.data.firstBrokenId ?? null : null;
  const brokenEntry = brokenId ? items.find((e) => e.id === brokenId) : undefined;
  const filtered = Object.keys(filters).length > 0;

  function update(change: Partial<AuditFilters>) {
    const next = { ...filters, ...change };
    for (const key of Object.keys(next) as (keyof AuditFilters)[]) if (!next[key]) delete next[key];
    setSearch(auditFiltersToSearch(next), { replace: true });
  }

  const actionOptions = ALL_EVENT_TYPES.map((type) => ({ value: type, label: t(eventTypeKey(type)) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
  const actorOptions = (members.data?.items ?? []).map((m) => ({ value: m.userId, label: `${m.displayName} <${m.email}>` }));
  if (filters.actor && !actorOptions.some((o) => o.value === filters.actor)) {
    actorOptions.push({ value: filters.actor, label: filters.actor });
  }

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('audit:title')}</Title>
        <Text mt="xs">{t('audit:intro')}</Text>
      </div>

      <form role="search" aria-label={t('audit:filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div className={classes.filters}>
          <TextInput
            type="datetime-local"
            label={t('audit:filters.from')}
            value={isoToLocalInput(filters.from)}
            onChange={(e) => update({ from: localInputToIso(e.currentTarget.value) })}
          />
          <TextInput
            type="datetime-local"
            label={t('audit:filters.to')}
            value={isoToLocalInput(filters.to)}
            onChange={(e) => update({ to: localInputToIso(e.currentTarget.value) })}
            error={inverted ? t('audit:filters.toBeforeFrom') : undefined}
          />
          <NativeSelect
            label={t('audit:filters.actor')}
            value={filters.actor ?? ''}
            onChange={(e) => update({ actor: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('audit:filters.anyActor') }, ...actorOptions]}
          />
          <NativeSelect
            label={t('audit:filters.action')}
            value={filters.action ?? ''}
            onChange={(e) => update({ action: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('audit:filters.anyAction') }, ...actionOptions]}
          />
        </div>
        {filtered && (
          <Button mt="sm" variant="default" size="xs" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
            {t('audit:filters.reset')}
          </Button>
        )}
      </form>

      <Group gap="sm">
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit:verify.button')}
        </Button>
        <Button variant="default" onClick={() => exporter.mutate()} loading={exporter.isPending} disabled={inverted}>
          {t('audit:export.button')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('audit:export.hint')}
        </Text>
      </Group>

      <ProblemAlert error={verify.error ?? exporter.error} />
      {verify.data?.ok && (
        <Alert color="green" variant="light" role="status" data-testid="verify-result" title={t('audit:verify.button')}>
          {t('audit:verify.ok', { count: verify.data.entries, n: new Intl.NumberFormat(locale).format(verify.data.entries) })}
        </Alert>
      )}
      {verify.data && !verify.data.ok && (
        <Alert color="red" variant="filled" role="alert" data-testid="verify-result" title={t('audit:verify.button')}>
          <Text>
            {brokenEntry
              ? t('audit:verify.brokenAt', {
                  when: formatWhen(brokenEntry.at, locale),
                  action: t(eventTypeKey(brokenEntry.action), { defaultValue: brokenEntry.action }),
                  id: brokenEntry.id,
                })
              : t('audit:verify.broken', { id: brokenId ?? '?' })}
          </Text>
          <Text mt="xs">{t('audit:verify.brokenHint')}</Text>
        </Alert>
      )}
      {exporter.data && (
        <Text size="sm" role="status">
          {t('audit:export.done', { name: exporter.data })}
        </Text>
      )}

      {inverted ? (
        <Alert color="yellow">{t('audit:filters.toBeforeFrom')}</Alert>
      ) : entries.isPending ? (
        <Loading />
      ) : entries.isError && !entries.data ? (
        <ProblemAlert error={entries.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="audit-empty">
          {filtered ? t('audit:list.empty') : t('audit:list.emptyAll')}
        </Text>
      ) : (
        <>
          <div className={classes.tableWrap} role="region" aria-label={t('audit:list.region')} tabIndex={0}>
            <Table striped aria-label={t('audit:list.label')} data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit:column.at')}</Table.Th>
                  <Table.Th scope="col">{t('audit:column.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit:column.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit:column.object')}</Table.Th>
                  <Table.Th scope="col">{t('audit:column.outcome')}</Table.Th>
                  <Table.Th scope="col">{t('audit:column.clientAddress')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((entry) => (
                  <Table.Tr
                    key={entry.id}
                    className={entry.id === brokenId ? classes.broken : undefined}
                    aria-label={entry.id === brokenId ? t('audit:verify.highlight') : undefined}
                  >
                    <Table.Td className={classes.nowrap}>
                      <time dateTime={entry.at}>{formatWhen(entry.at, locale)}</time>
                    </Table.Td>
                    <Table.Td>{actorText(entry, t)}</Table.Td>
                    <Table.Td>
                      {t(eventTypeKey(entry.action), { defaultValue: entry.action })}
                      <div className={classes.mono}>{entry.action}</div>
                    </Table.Td>
                    <Table.Td>
                      {entry.objectType ? t(`audit:object.${entry.objectType}`, { defaultValue: entry.objectType }) : t('audit:object.none')}
                      {entry.objectId && <div className={classes.mono}>{entry.objectId}</div>}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={entry.outcome === 'DENIED' ? 'red' : 'green'} variant="light">
                        {t(`audit:outcome.${entry.outcome}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td className={classes.mono}>{entry.clientAddress ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {entries.hasNextPage ? (
            <Button variant="default" onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage} style={{ alignSelf: 'center' }}>
              {t('audit:list.loadMore')}
            </Button>
          ) : (
            <Text c="dimmed" size="sm" ta="center">
              {t('audit:list.end')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
