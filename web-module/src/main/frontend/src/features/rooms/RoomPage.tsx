import { Anchor, Badge, Button, Group, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { FileRequestDialog } from '../filerequests/FileRequestDialog';
import { FileRequestsPanel } from '../filerequests/FileRequestsPanel';
import { AccessPanel } from './AccessPanel';
import { ConfirmDialog, NameDialog } from './dialogs';
import { carriesFiles, entriesFromDrop, entriesFromInput } from './files';
import { FolderTree, type TreeAction } from './FolderTree';
import { IndexMenu } from './IndexMenu';
import { MoveDialog } from './MoveDialog';
import { keys, useRoom, useTree } from './queries';
import { TrashPanel } from './TrashPanel';
import { findNode, pathOf, type TreeNode } from './tree';
import { UploadPanel } from './UploadPanel';
import { queueFor } from './uploads';
import type { Entry } from './uploadQueue';
import { rank } from './grants';
import classes from './rooms.module.css';

type Notice = { text: string; undo?: () => Promise<unknown> } | null;

/** A room: its numbered tree with folders, uploads, moves and the trash, and (for managers) who may do what. */
export function RoomPage() {
  const { roomId = '' } = useParams();
  const { t } = useTranslation(['rooms', 'common']);
  const queryClient = useQueryClient();
  const room = useRoom(roomId);
  const tree = useTree(roomId);
  const queue = queueFor(roomId);
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'contents';
  const [selected, setSelected] = useState<string | null>(null);
  const [accessScope, setAccessScope] = useState<string | null>(null);
  const [naming, setNaming] = useState<{ mode: 'create'; parent: string | null } | { mode: 'rename'; node: TreeNode } | null>(null);
  const [moving, setMoving] = useState<TreeNode | null>(null);
  const [deleting, setDeleting] = useState<TreeNode | null>(null);
  const [requesting, setRequesting] = useState<{ folderId: string | null } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [dragOver, setDragOver] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const refreshTree = () => queryClient.invalidateQueries({ queryKey: keys.tree(roomId) });

  // Finished uploads show up in the tree (at most a few refreshes a second).
  useEffect(() => {
    let done = queue.snapshot().totals.done;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = queue.subscribe(() => {
      const now = queue.snapshot().totals.done;
      if (now !== done) {
        done = now;
        clearTimeout(timer);
        timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: keys.tree(roomId) }), 300);
      }
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [queue, queryClient, roomId]);

  if (room.isPending || tree.isPending) return <Loading label={t('room.loading')} />;
  if (room.isError) return <ProblemAlert error={room.error} />;
  if (tree.isError) return <ProblemAlert error={tree.error} />;

  const root = tree.data;
  const selectedNode = selected ? findNode(root, selected)?.node : undefined;
  const target = selectedNode && selectedNode.kind === 'FOLDER' ? selectedNode : null;
  const targetPermission = target ? target.myPermission : root.myPermission;
  const canUpload = rank(targetPermission) >= rank('UPLOAD');
  const canManageHere = targetPermission === 'MANAGE';
  const manager = room.data.myPermission === 'MANAGE';
  const roomUploader = rank(room.data.myPermission) >= rank('UPLOAD');
  const targetPath = pathOf(root, target?.id ?? null);

  function upload(entries: Entry[], folderId: string | null) {
    if (entries.length === 0) return;
    queue.add(entries, { folderId, path: pathOf(root, folderId) });
  }

  function dropFiles(dataTransfer: DataTransfer, folderId: string | null) {
    void entriesFromDrop(dataTransfer).then((entries) => upload(entries, folderId));
  }

  async function move(node: TreeNode, folderId: string | null) {
    if (node.kind === 'FOLDER') {
      await unwrap(api.PATCH('/api/v1/folders/{id}', { params: { path: { id: node.id } }, body: { parentId: folderId } }));
    } else {
      await unwrap(api.PATCH('/api/v1/documents/{id}', { params: { path: { id: node.id } }, body: { folderId } }));
    }
    await refreshTree();
    const where = folderId ? findNode(root, folderId)?.node.name ?? '' : root.name;
    setNotice({ text: t('move.done', { name: node.name, target: where }) });
  }

  async function dragMove(node: TreeNode, folderId: string | null) {
    setActionError(null);
    try {
      await move(node, folderId);
    } catch (error) {
      setActionError(error);
    }
  }

  async function trash(node: TreeNode) {
    setActionError(null);
    try {
      await unwrap(api.DELETE('/api/v1/documents/{id}', { params: { path: { id: node.id } } }));
      await refreshTree();
      void queryClient.invalidateQueries({ queryKey: keys.trash(roomId) });
      setNotice({
        text: t('trash.moved', { name: node.name }),
        undo: async () => {
          await unwrap(api.POST('/api/v1/documents/{id}/restore', { params: { path: { id: node.id } } }));
          await refreshTree();
          void queryClient.invalidateQueries({ queryKey: keys.trash(roomId) });
          setNotice({ text: t('trash.restored', { name: node.name }) });
        },
      });
    } catch (error) {
      setActionError(error);
    }
  }

  function onAction(action: TreeAction, node: TreeNode) {
    setNotice(null);
    switch (action) {
      case 'newFolder':
        setNaming({ mode: 'create', parent: node.id });
        break;
      case 'rename':
        setNaming({ mode: 'rename', node });
        break;
      case 'move':
        setMoving(node);
        break;
      case 'delete':
        if (node.kind === 'FOLDER') setDeleting(node);
        else void trash(node);
        break;
      case 'access':
        setAccessScope(node.id);
        setSearch({ tab: 'access' });
        break;
      case 'requestFiles':
        setRequesting({ folderId: node.id });
        break;
    }
  }

  const zoneDrag = {
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer) || !canUpload) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragOver(true);
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragOver(false);
    },
    onDrop: (event: DragEvent) => {
      setDragOver(false);
      if (!carriesFiles(event.dataTransfer) || !canUpload) return;
      event.preventDefault();
      dropFiles(event.dataTransfer, target?.id ?? null);
    },
  };

  return (
    <>
      <Anchor component={Link} to="/rooms" size="sm">
        {t('room.back')}
      </Anchor>
      <div className={classes.header}>
        <Title order={1}>{room.data.name}</Title>
        <Badge variant="light">{t('room.yourPermission', { permission: t(`permission.${room.data.myPermission}`) })}</Badge>
        <IndexMenu roomId={roomId} roomName={room.data.name} />
      </div>
      {room.data.description && <Text mb="md">{room.data.description}</Text>}

      <Tabs value={tab} onChange={(value) => setSearch(value && value !== 'contents' ? { tab: value } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="contents">{t('room.tabs.contents')}</Tabs.Tab>
          {roomUploader && <Tabs.Tab value="file-requests">{t('filerequests:room.tab')}</Tabs.Tab>}
          {manager && <Tabs.Tab value="trash">{t('room.tabs.trash')}</Tabs.Tab>}
          {manager && <Tabs.Tab value="access">{t('room.tabs.access')}</Tabs.Tab>}
        </Tabs.List>

        <Tabs.Panel value="contents">
          <div className={classes.layout}>
            <section className={classes.treeColumn} aria-label={t('tree.region')}>
              <Group gap="xs" mb="xs" wrap="wrap">
                {canManageHere && (
                  <Button variant="default" onClick={() => setNaming({ mode: 'create', parent: target?.id ?? null })}>
                    {t('tree.newFolder')}
                  </Button>
                )}
                {canUpload && (
                  <>
                    <Button onClick={() => filesInput.current?.click()}>{t('upload.files')}</Button>
                    <Button variant="light" onClick={() => folderInput.current?.click()}>
                      {t('upload.folder')}
                    </Button>
                    <Button variant="default" onClick={() => setRequesting({ folderId: target?.id ?? null })}>
                      {t('filerequests:room.action')}
                    </Button>
                  </>
                )}
                <input
                  ref={filesInput}
                  type="file"
                  multiple
                  hidden
                  aria-label={t('upload.files')}
                  data-testid="upload-files-input"
                  onChange={(event) => {
                    upload(entriesFromInput(event.currentTarget.files), target?.id ?? null);
                    event.currentTarget.value = '';
                  }}
                />
                <input
                  ref={(element) => {
                    folderInput.current = element;
                    element?.setAttribute('webkitdirectory', '');
                  }}
                  type="file"
                  multiple
                  hidden
                  aria-label={t('upload.folder')}
                  data-testid="upload-folder-input"
                  onChange={(event) => {
                    upload(entriesFromInput(event.currentTarget.files), target?.id ?? null);
                    event.currentTarget.value = '';
                  }}
                />
              </Group>
              <Text size="sm" c="dimmed" mb="xs" data-testid="upload-target">
                {target ? t('tree.target', { path: targetPath }) : t('tree.targetTop')}
              </Text>
              <div role="status" aria-live="polite">
                {notice && (
                  <Group gap="xs" mb="xs">
                    <Text size="sm">{notice.text}</Text>
                    {notice.undo && (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => void notice.undo!().catch((error: unknown) => setActionError(error))}
                      >
                        {t('trash.undo')}
                      </Button>
                    )}
                  </Group>
                )}
              </div>
              <ProblemAlert error={actionError} overrides={{ conflict: 'rooms:move.conflict', forbidden: 'rooms:move.forbidden' }} />
              <div className={`${classes.dropzone} ${dragOver ? classes.dropzoneActive : ''}`} {...zoneDrag} data-testid="dropzone">
                {canUpload && (
                  <Text size="sm" c="dimmed" mb="xs" ta="center">
                    {t('upload.dropHint')}
                  </Text>
                )}
                <FolderTree
                    root={root}
                    roomId={roomId}
                    selected={target?.id ?? null}
                    onSelect={setSelected}
                    onAction={onAction}
                    onMove={(node, folderId) => void dragMove(node, folderId)}
                    onDropFiles={dropFiles}
                  />
              </div>
            </section>
            <aside className={classes.sideColumn} aria-label={t('upload.title')}>
              <UploadPanel queue={queue} />
            </aside>
          </div>
        </Tabs.Panel>
        {roomUploader && (
          <Tabs.Panel value="file-requests">
            <FileRequestsPanel roomId={roomId} root={root} />
          </Tabs.Panel>
        )}
        {manager && (
          <Tabs.Panel value="trash">
            <TrashPanel roomId={roomId} />
          </Tabs.Panel>
        )}
        {manager && (
          <Tabs.Panel value="access">
            <AccessPanel roomId={roomId} root={root} scope={accessScope} onScope={setAccessScope} />
          </Tabs.Panel>
        )}
      </Tabs>

      <NameDialog
        opened={naming !== null}
        title={naming?.mode === 'rename' ? t('tree.renameTitle', { name: naming.node.name }) : t('tree.newFolderTitle')}
        label={t('tree.name')}
        initial={naming?.mode === 'rename' ? naming.node.name : ''}
        submitLabel={naming?.mode === 'rename' ? t('dialog.save') : t('tree.create')}
        overrides={{ conflict: 'rooms:tree.nameTaken' }}
        onClose={() => setNaming(null)}
        onSubmit={async (name) => {
          if (!naming) return;
          if (naming.mode === 'create') {
            await unwrap(
              api.POST('/api/v1/datarooms/{id}/folders', {
                params: { path: { id: roomId } },
                body: { name, ...(naming.parent ? { parentId: naming.parent } : {}) },
              }),
            );
          } else if (naming.node.kind === 'FOLDER') {
            await unwrap(api.PATCH('/api/v1/folders/{id}', { params: { path: { id: naming.node.id } }, body: { name } }));
          } else {
            await unwrap(api.PATCH('/api/v1/documents/{id}', { params: { path: { id: naming.node.id } }, body: { name } }));
          }
          await refreshTree();
        }}
      />
      <FileRequestDialog
        opened={requesting !== null}
        onClose={() => setRequesting(null)}
        roomId={roomId}
        roomName={room.data.name}
        folderId={requesting?.folderId ?? null}
        path={pathOf(root, requesting?.folderId ?? null)}
      />
      <MoveDialog root={root} node={moving} onMove={move} onClose={() => setMoving(null)} />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('tree.deleteTitle')}
        body={t('tree.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('tree.deleteFolder')}
        overrides={{ forbidden: 'rooms:tree.deleteForbidden' }}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await unwrap(api.DELETE('/api/v1/folders/{id}', { params: { path: { id: deleting!.id } } }));
          if (selected === deleting!.id) setSelected(null);
          await refreshTree();
          void queryClient.invalidateQueries({ queryKey: keys.trash(roomId) });
        }}
      />
    </>
  );
}
