import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { formatDate } from './format';
import { keys, useTrash } from './queries';
import classes from './rooms.module.css';

/** The room's trash (MANAGE): documents that can still be restored, for 30 days after they were trashed. */
export function TrashPanel({ roomId }: { roomId: string }) {
  const { t } = useTranslation(['rooms', 'common']);
  const locale = t('common:locale');
  const queryClient = useQueryClient();
  const trash = useTrash(roomId, true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);

  async function restore(id: string, name: string) {
    setBusy(id);
    setError(null);
    setRestored(null);
    try {
      await unwrap(api.POST('/api/v1/documents/{id}/restore', { params: { path: { id } } }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.trash(roomId) }),
        queryClient.invalidateQueries({ queryKey: keys.tree(roomId) }),
      ]);
      setRestored(name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="trash-title">
      <Text id="trash-title" fw={600} mb="xs">
        {t('trash.title')}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('trash.intro')}
      </Text>
      <div role="status" aria-live="polite">
        {restored && <Text size="sm">{t('trash.restored', { name: restored })}</Text>}
      </div>
      <ProblemAlert error={error} overrides={{ conflict: 'rooms:trash.nameTaken' }} />
      {trash.isPending ? (
        <Loading label={t('trash.loading')} />
      ) : trash.isError ? (
        <ProblemAlert error={trash.error} />
      ) : trash.data.length === 0 ? (
        <Text>{t('trash.empty')}</Text>
      ) : (
        <div className={classes.tableScroll}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trash.name')}</Table.Th>
                <Table.Th>{t('trash.deletedAt')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('trash.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trash.data.map((doc) => (
                <Table.Tr key={doc.id}>
                  <Table.Td>{doc.name}</Table.Td>
                  <Table.Td>{formatDate(doc.deletedAt, locale)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      loading={busy === doc.id}
                      onClick={() => void restore(doc.id, doc.name)}
                      aria-label={t('trash.restoreNamed', { name: doc.name })}
                    >
                      {t('trash.restore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </section>
  );
}
