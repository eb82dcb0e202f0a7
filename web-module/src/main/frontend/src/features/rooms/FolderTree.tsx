import { ActionIcon, Badge, Menu, Text } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { carriesFiles } from './files';
import { canMove, statusOf, type TreeNode } from './tree';
import classes from './rooms.module.css';

/** The drag type of the tree's own items (a move), told apart from files dragged in from outside (an upload). */
export const ITEM_TYPE = 'application/x-coffer-item';

export type TreeAction = 'newFolder' | 'rename' | 'move' | 'delete' | 'access' | 'requestFiles';

export interface FolderTreeProps {
  root: TreeNode;
  roomId: string;
  selected: string | null;
  onSelect: (folderId: string | null) => void;
  onAction: (action: TreeAction, node: TreeNode) => void;
  onMove: (node: TreeNode, targetFolderId: string | null) => void;
  onDropFiles: (dataTransfer: DataTransfer, folderId: string | null) => void;
}

/**
 * The room's numbered tree (nested lists; every row reachable by Tab, its actions in a menu). Items are moved by
 * drag and drop onto a folder or the room's top, or by "Move to…" in the menu (the keyboard way); files dragged
 * from the desktop onto a folder are uploaded into it.
 */
export function FolderTree(props: FolderTreeProps) {
  const { t } = useTranslation('rooms');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [dragging, setDragging] = useState<TreeNode | null>(null);
  const [dropOn, setDropOn] = useState<string | null | undefined>(undefined);

  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const accepts = (event: DragEvent, folderId: string | null) =>
    carriesFiles(event.dataTransfer) || (dragging !== null && canMove(props.root, dragging.id, folderId));

  const dropHandlers = (folderId: string | null) => ({
    onDragOver: (event: DragEvent) => {
      if (!accepts(event, folderId)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = carriesFiles(event.dataTransfer) ? 'copy' : 'move';
      setDropOn(folderId);
    },
    onDragLeave: (event: DragEvent) => {
      if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
      setDropOn((current) => (current === folderId ? undefined : current));
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      event.stopPropagation();
      setDropOn(undefined);
      if (carriesFiles(event.dataTransfer)) {
        props.onDropFiles(event.dataTransfer, folderId);
      } else if (dragging && canMove(props.root, dragging.id, folderId)) {
        props.onMove(dragging, folderId);
      }
      setDragging(null);
    },
  });

  const renderNode = (node: TreeNode) => {
    const isFolder = node.kind === 'FOLDER';
    const open = isFolder && !collapsed.has(node.id);
    const children = node.children ?? [];
    const manage = node.myPermission === 'MANAGE';
    const status = isFolder ? 'READY' : statusOf(node);
    const rowClass = [
      classes.row,
      isFolder && props.selected === node.id ? classes.rowSelected : '',
      isFolder && dropOn === node.id ? classes.rowDrop : '',
    ].join(' ');
    return (
      <li key={node.id} data-testid={isFolder ? 'tree-folder' : 'tree-document'} data-index={node.index} data-name={node.name}>
        <div
          className={rowClass}
          draggable={manage}
          onDragStart={(event) => {
            event.dataTransfer.setData(ITEM_TYPE, node.id);
            event.dataTransfer.effectAllowed = 'move';
            setDragging(node);
          }}
          onDragEnd={() => {
            setDragging(null);
            setDropOn(undefined);
          }}
          {...(isFolder ? dropHandlers(node.id) : {})}
        >
          <span className={classes.toggle}>
            {isFolder && children.length > 0 && (
              <ActionIcon
                variant="subtle"
                size="sm"
                onClick={() => toggle(node.id)}
                aria-expanded={open}
                aria-label={t(open ? 'tree.collapse' : 'tree.expand', { name: node.name })}
              >
                <span aria-hidden="true">{open ? '▾' : '▸'}</span>
              </ActionIcon>
            )}
          </span>
          <span className={classes.rowIndex}>{node.index}</span>
          {isFolder ? (
            <button
              type="button"
              className={`${classes.rowName} ${classes.folderName}`}
              onClick={() => props.onSelect(props.selected === node.id ? null : node.id)}
              aria-pressed={props.selected === node.id}
              title={t('tree.select')}
            >
              {node.name}
            </button>
          ) : status === 'QUARANTINED' ? (
            // A quarantined file is never served: no link to open or download it.
            <span className={`${classes.rowName} ${classes.quarantined}`} data-testid="quarantined-name">{node.name}</span>
          ) : (
            <Link className={classes.rowName} to={`/rooms/${props.roomId}/documents/${node.id}`}>
              {node.name}
            </Link>
          )}
          {status !== 'READY' && (
            <Badge variant="light" color={status === 'QUARANTINED' ? 'red' : 'yellow'} size="sm"
              data-testid="document-status" data-status={status}>
              {t(`status.${status}`)}
            </Badge>
          )}
          {node.myPermission !== 'MANAGE' && (
            <Text size="xs" c="dimmed">
              {t(`permission.${node.myPermission}`)}
            </Text>
          )}
          {manage && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" size="sm" aria-label={t('tree.actions', { name: node.name })}>
                  <span aria-hidden="true">⋯</span>
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {isFolder && <Menu.Item onClick={() => props.onAction('newFolder', node)}>{t('tree.newFolderInside')}</Menu.Item>}
                <Menu.Item onClick={() => props.onAction('rename', node)}>{t('tree.rename')}</Menu.Item>
                <Menu.Item onClick={() => props.onAction('move', node)}>{t('tree.move')}</Menu.Item>
                {isFolder && <Menu.Item onClick={() => props.onAction('access', node)}>{t('tree.access')}</Menu.Item>}
                {isFolder && (
                  <Menu.Item onClick={() => props.onAction('requestFiles', node)}>{t('filerequests:room.action')}</Menu.Item>
                )}
                <Menu.Item color="red" onClick={() => props.onAction('delete', node)}>
                  {isFolder ? t('tree.deleteFolder') : t('tree.trash')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </div>
        {open && children.length > 0 && <ul>{children.map(renderNode)}</ul>}
      </li>
    );
  };

  const children = props.root.children ?? [];
  return (
    <>
      <div
        className={`${classes.rootDrop} ${dropOn === null ? classes.rowDrop : ''}`}
        {...dropHandlers(null)}
        data-testid="tree-top"
      >
        <button
          type="button"
          className={classes.rowName}
          onClick={() => props.onSelect(null)}
          aria-pressed={props.selected === null}
        >
          <Text span fw={600}>
            {t('tree.top', { name: props.root.name })}
          </Text>
        </button>
      </div>
      {children.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('tree.empty')}
        </Text>
      ) : (
        <ul className={classes.tree} aria-label={t('tree.label')}>
          {children.map(renderNode)}
        </ul>
      )}
    </>
  );
}
