import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap, type Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { PendingRequestsBadge } from './AccessRequestsPanel';
import { LinkEditDialog } from './LinkEditDialog';
import { linkStatus } from './linkForm';
import classes from './links.module.css';

type ShareLink = Schemas['ShareLink'];


export function StatusBadge({ link }: { link: ShareLink }) {
  const { t } = useTranslation('links');
  const status = linkStatus(link);
  // Own colours (links.module.css): Mantine's badge shades miss WCAG AA contrast at badge size (axe).
  return <span className={`${classes.status} ${classes[status]}`}>{t(`status.${status}`)}</span>;
}

/**
 * The share links of a target (`?targetId=`), or every link the caller manages: status, views, analytics and revoke.
 * The rooms area embeds it with a room's or document's id.
 */
export function LinkList({ targetId }: { targetId?: string }) {
  const { t } = useTranslation(['links', 'common']);
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<ShareLink | null>(null);
  const [editing, setEditing] = useState<ShareLink | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const links = useInfiniteQuery({
    queryKey: ['share-links', targetId ?? 'all'],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/share-links', {
      params: { query: { ...(targetId ? { targetId } : {}), ...(pageParam ? { cursor: pageParam } : {}), limit: 50 } },
    })),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/share-links/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: ['share-links'] });
    },
  });

  if (links.isPending) return <Loading label={t('links:list.loading')} />;
  if (links.error) return <ProblemAlert error={links.error} />;
  const items = links.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Text data-testid="links-empty">{t('links:list.empty')}</Text>;
  const date = new Intl.DateTimeFormat(t('common:locale'), { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(t('common:locale'));

  return (
    <Stack gap="sm">
      {saved && <Alert color="green" variant="light" role="status">{t('links:edit.saved', { name: saved })}</Alert>}
      <div className={classes.tableWrap}>
        <Table striped highlightOnHover captionSide="top" data-testid="links-table">
          <Table.Caption>{t('links:list.caption', { count: items.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('links:list.name')}</Table.Th>
              <Table.Th scope="col">{t('links:list.status')}</Table.Th>
              <Table.Th scope="col">{t('links:list.protection')}</Table.Th>
              <Table.Th scope="col">{t('links:list.views')}</Table.Th>
              <Table.Th scope="col">{t('links:list.created')}</Table.Th>
              <Table.Th scope="col">{t('links:list.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((link) => {
              const name = link.name ?? t(`links:targetType.${link.target.type}`);
              const protections = [
                link.hasPassword && t('links:protection.password'),
                link.verifyEmail ? t('links:protection.emailCode') : link.requireEmail && t('links:protection.email'),
                link.ndaText && t('links:protection.nda'),
                link.watermark.enabled && t('links:protection.watermark'),
                link.allowDownload && t('links:protection.download'),
                link.allowSearch && t('links:protection.search'),
                link.allowQuestions && t('links:protection.questions'),
              ].filter(Boolean);
              return (
                <Table.Tr key={link.id} data-testid={`link-row-${link.id}`}>
                  <Table.Td>{name}<PendingRequestsBadge link={link} /></Table.Td>
                  <Table.Td><StatusBadge link={link} /></Table.Td>
                  <Table.Td>{protections.length ? protections.join(', ') : t('links:protection.none')}</Table.Td>
                  <Table.Td>
                    {link.maxViews != null
                      ? t('links:list.viewsOf', { views: number.format(link.views), max: number.format(link.maxViews) })
                      : number.format(link.views)}
                  </Table.Td>
                  <Table.Td>{date.format(new Date(link.createdAt))}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button component={Link} to={`/analytics/links/${link.id}`} size="xs" variant="default"
                        aria-label={t('links:list.analyticsFor', { name })}>
                        {t('links:list.analytics')}
                      </Button>
                      {!link.revoked && (
                        <Button size="xs" variant="default" onClick={() => { setSaved(null); setEditing(link); }}
                          aria-label={t('links:list.editFor', { name })}>
                          {t('links:list.edit')}
                        </Button>
                      )}
                      {!link.revoked && (
                        <Button size="xs" color="red" variant="light" onClick={() => setRevoking(link)}
                          aria-label={t('links:list.revokeFor', { name })}>
                          {t('links:list.revoke')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>
      {links.hasNextPage && (
        <Button variant="default" onClick={() => void links.fetchNextPage()} loading={links.isFetchingNextPage}>
          {t('links:list.more')}
        </Button>
      )}
      {editing && (
        <LinkEditDialog link={editing} onClose={() => setEditing(null)} onSaved={(n) => {
          setEditing(null);
          setSaved(n);
        }} />
      )}
      <Modal opened={!!revoking} onClose={() => setRevoking(null)} title={t('links:revoke.title')}
        closeButtonProps={{ 'aria-label': t('links:dialog.close') }} lockScroll={false}>
        <Stack>
          <Text>{t('links:revoke.body', { name: revoking?.name ?? t(`links:targetType.${revoking?.target.type ?? 'DOCUMENT'}`) })}</Text>
          <ProblemAlert error={revoke.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>{t('links:dialog.cancel')}</Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>
              {t('links:revoke.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
