import { Badge, Button, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { ListState } from '../../app/ui/ListState';
import { ConfirmDialog } from '../rooms/dialogs';
import { formatBytes } from '../rooms/format';
import { pathOf, type TreeNode } from '../rooms/tree';
import { deleteFileRequest, fileRequestKeys, listFileRequests, type FileRequest } from './api';
import { listOf } from './checks';
import classes from './filerequests.module.css';

/**
 * The room's file requests (`GET /datarooms/{id}/file-requests`): where each one puts files, its limits, delete. The
 * list does not carry the addresses (the server shows a token once, at creation): an address is shown when there.
 */
export function FileRequestsPanel({ roomId, root }: { roomId: string; root: TreeNode }) {
  const { t } = useTranslation(['filerequests', 'common']);
  const format = useFormat();
  const locale = t('common:locale');
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: fileRequestKeys.room(roomId), queryFn: () => listFileRequests(roomId) });
  const [deleting, setDeleting] = useState<FileRequest | null>(null);

  const facts = (r: FileRequest): string[] => [
    r.folderId ? t('room.folder', { path: pathOf(root, r.folderId) || r.folderId }) : t('room.folder', { path: t('room.folderTop') }),
    r.maxFiles != null ? t('room.filesOf', { count: r.filesCount, max: r.maxFiles }) : t('room.files', { count: r.filesCount }),
    r.expiresAt ? t('room.expires', { date: format.dateTime(r.expiresAt) }) : t('room.noExpiry'),
    ...(r.maxFileBytes != null ? [t('room.maxSize', { size: formatBytes(r.maxFileBytes, locale) })] : []),
    ...(r.allowedTypes?.length ? [t('room.types', { types: listOf(r.allowedTypes, locale) })] : []),
    t('room.created', { date: format.dateTime(r.createdAt) }),
  ];

  return (
    <Stack gap="sm">
      <Text size="sm">{t('room.intro')}</Text>
      <Text size="sm" c="dimmed">{t('room.addressOnce')}</Text>
      <ListState query={query} empty={t('room.empty')}>
        {(items) => (
          <ul className={classes.requests} aria-label={t('room.list')}>
            {items.map((r) => (
              <li key={r.id} className={classes.request} data-testid="fr-request" data-name={r.name}>
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <Stack gap={2} className={classes.itemName}>
                    <Group gap="xs">
                      <Text fw={600}>{r.name}</Text>
                      {r.requireEmail && <Badge variant="light" color="gray">{t('room.requireEmail')}</Badge>}
                      {r.hasPassword && <Badge variant="light" color="gray">{t('room.password')}</Badge>}
                    </Group>
                    {facts(r).map((fact) => <Text key={fact} size="sm" c="dimmed">{fact}</Text>)}
                    {r.url && <div className={classes.urlBox} data-testid="fr-request-url">{r.url}</div>}
                  </Stack>
                  <Group gap="xs">
                    {r.url && (
                      <CopyButton value={r.url}>
                        {({ copied, copy }) => (
                          <Button size="xs" variant="light" onClick={copy} aria-live="polite"
                            aria-label={t('room.copyName', { name: r.name })}>
                            {copied ? t('room.copied') : t('room.copy')}
                          </Button>
                        )}
                      </CopyButton>
                    )}
                    <Button size="xs" variant="light" color="red" onClick={() => setDeleting(r)}
                      aria-label={t('room.deleteName', { name: r.name })}>
                      {t('room.delete')}
                    </Button>
                  </Group>
                </Group>
              </li>
            ))}
          </ul>
        )}
      </ListState>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('room.deleteTitle')}
        body={t('room.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('room.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await deleteFileRequest(deleting!.id);
          await queryClient.invalidateQueries({ queryKey: fileRequestKeys.room(roomId) });
        }}
      />
    </Stack>
  );
}
