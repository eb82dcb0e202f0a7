import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { LinkList } from './LinkList';
import { ShareLinkDialog, type LinkTargetRef } from './ShareLinkDialog';

type TreeNode = Schemas['TreeNode'];

function flatten(node: TreeNode, depth = 0): { node: TreeNode; depth: number }[] {
  return [{ node, depth }, ...(node.children ?? []).flatMap((c) => flatten(c, depth + 1))];
}

/** Picks what to share: a room, then the room itself, one of its folders or one of its documents (MANAGE only). */
function TargetPicker({ onPick }: { onPick: (target: LinkTargetRef) => void }) {
  const { t } = useTranslation('links');
  const [roomId, setRoomId] = useState('');
  const [itemId, setItemId] = useState('');
  const rooms = useQuery({
    queryKey: ['rooms', 'list', 'manage'],
    queryFn: () => unwrap(api.GET('/api/v1/datarooms')),
  });
  const tree = useQuery({
    queryKey: ['rooms', roomId, 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/datarooms/{id}/tree', { params: { path: { id: roomId } } })),
    enabled: !!roomId,
  });
  if (rooms.isPending) return <Loading label={t('picker.loading')} />;
  if (rooms.error) return <ProblemAlert error={rooms.error} />;
  const manageable = rooms.data.items.filter((r) => r.myPermission === 'MANAGE');
  if (manageable.length === 0) return <Text>{t('picker.noRooms')}</Text>;
  const items = tree.data ? flatten(tree.data).filter(({ node }) => node.myPermission === 'MANAGE') : [];
  const picked = items.find(({ node }) => node.id === (itemId || roomId))?.node;

  return (
    <Group align="flex-end" wrap="wrap">
      <NativeSelect
        label={t('picker.room')}
        value={roomId}
        onChange={(e) => {
          setRoomId(e.currentTarget.value);
          setItemId('');
        }}
        data={[{ value: '', label: t('picker.chooseRoom') }, ...manageable.map((r) => ({ value: r.id, label: r.name }))]}
      />
      {roomId && (
        tree.isPending ? <Loading /> : tree.error ? <ProblemAlert error={tree.error} /> : (
          <NativeSelect
            label={t('picker.item')}
            value={itemId || roomId}
            onChange={(e) => setItemId(e.currentTarget.value)}
            data={items.map(({ node, depth }) => ({
              value: node.id,
              label: `${'\u00a0\u00a0'.repeat(depth)}${node.kind === 'DATAROOM' ? t('picker.wholeRoom', { name: node.name }) : `${node.index} ${node.name}`}`,
            }))}
          />
        )
      )}
      <Button
        disabled={!picked}
        onClick={() => picked && onPick({ type: picked.kind, id: picked.id, roomId, name: picked.name })}
      >
        {t('picker.create')}
      </Button>
    </Group>
  );
}

/** `/links`: every share link the caller manages, and a new link for a room, folder or document. */
export function LinksPage() {
  const { t } = useTranslation('links');
  const [target, setTarget] = useState<LinkTargetRef | null>(null);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('title')}</Title>
      <section aria-labelledby="new-link-heading">
        <Title order={2} size="h4" id="new-link-heading" mb="xs">{t('picker.heading')}</Title>
        <TargetPicker onPick={setTarget} />
      </section>
      <section aria-labelledby="all-links-heading">
        <Title order={2} size="h4" id="all-links-heading" mb="xs">{t('list.heading')}</Title>
        <LinkList />
      </section>
      {target && <ShareLinkDialog opened onClose={() => setTarget(null)} target={target} />}
    </Stack>
  );
}
