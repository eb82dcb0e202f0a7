import { ActionIcon, Badge, Button, Menu, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { ConfirmDialog, NameDialog } from './dialogs';
import { formatDate } from './format';
import { keys, pageQuery, type DataRoom } from './queries';
import classes from './rooms.module.css';

/** The room list: every room the caller can see, with create, rename and archive (the contract's DELETE). */
export function RoomsPage() {
  const { t } = useTranslation(['rooms', 'common']);
  const locale = t('common:locale');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<DataRoom | null>(null);
  const [archiving, setArchiving] = useState<DataRoom | null>(null);

  const rooms = useInfiniteQuery({
    queryKey: keys.rooms,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/datarooms', { params: { query: pageQuery(pageParam, 50) } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = rooms.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className={classes.header}>
        <Title order={1}>{t('title')}</Title>
        <Button component={Link} to="/rooms/groups" variant="default">
          {t('groups.title')}
        </Button>
        <Button onClick={() => setCreating(true)}>{t('list.create')}</Button>
      </div>
      {rooms.isPending ? (
        <Loading label={t('list.loading')} />
      ) : rooms.isError ? (
        <ProblemAlert error={rooms.error} />
      ) : items.length === 0 ? (
        <Text>{t('list.empty')}</Text>
      ) : (
        <ul className={classes.cards} aria-label={t('list.label')}>
          {items.map((room) => (
            <li key={room.id} className={classes.card}>
              <div className={classes.cardTitle}>
                <Link to={`/rooms/${room.id}`}>{room.name}</Link>
                {room.myPermission === 'MANAGE' && (
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" aria-label={t('list.actions', { name: room.name })}>
                        <span aria-hidden="true">⋯</span>
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setRenaming(room)}>{t('list.rename')}</Menu.Item>
                      <Menu.Item color="red" onClick={() => setArchiving(room)}>
                        {t('list.archive')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                )}
              </div>
              {room.description && <Text size="sm">{room.description}</Text>}
              <Text size="xs" c="dimmed">
                {t('list.created', { date: formatDate(room.createdAt, locale) })}
              </Text>
              <div>
                <Badge variant="light">{t(`permission.${room.myPermission}`)}</Badge>
              </div>
            </li>
          ))}
        </ul>
      )}
      {rooms.hasNextPage && (
        <Button mt="md" variant="default" loading={rooms.isFetchingNextPage} onClick={() => void rooms.fetchNextPage()}>
          {t('list.more')}
        </Button>
      )}

      <NameDialog
        opened={creating}
        title={t('list.createTitle')}
        label={t('list.name')}
        description={{ label: t('list.description') }}
        submitLabel={t('list.createSubmit')}
        onClose={() => setCreating(false)}
        onSubmit={async (name, description) => {
          const room = await unwrap(
            api.POST('/api/v1/datarooms', { body: { name, ...(description ? { description } : {}) } }),
          );
          await queryClient.invalidateQueries({ queryKey: keys.rooms });
          navigate(`/rooms/${room.id}`);
        }}
      />
      <NameDialog
        opened={renaming !== null}
        title={t('list.renameTitle')}
        label={t('list.name')}
        initial={renaming?.name ?? ''}
        description={{ label: t('list.description'), initial: renaming?.description ?? '' }}
        submitLabel={t('dialog.save')}
        onClose={() => setRenaming(null)}
        onSubmit={async (name, description) => {
          await unwrap(
            api.PATCH('/api/v1/datarooms/{id}', {
              params: { path: { id: renaming!.id } },
              body: { name, description: description ? description : null },
            }),
          );
          await queryClient.invalidateQueries({ queryKey: keys.rooms });
        }}
      />
      <ConfirmDialog
        opened={archiving !== null}
        title={t('list.archiveTitle')}
        body={t('list.archiveBody', { name: archiving?.name ?? '' })}
        confirmLabel={t('list.archive')}
        overrides={{ forbidden: 'rooms:list.archiveForbidden' }}
        onClose={() => setArchiving(null)}
        onConfirm={async () => {
          await unwrap(api.DELETE('/api/v1/datarooms/{id}', { params: { path: { id: archiving!.id } } }));
          await queryClient.invalidateQueries({ queryKey: keys.rooms });
        }}
      />
    </>
  );
}
