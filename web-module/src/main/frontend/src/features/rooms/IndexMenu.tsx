import { Button, Menu, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { downloadFile } from '../../api/download';
import { ProblemAlert } from '../../app/ui/ProblemAlert';

type IndexFormat = 'csv' | 'pdf';

/**
 * "Index ▾": the numbered index of what the caller may see in the room (`GET /datarooms/{id}/index`), as CSV or PDF.
 * Fetched through the API client as a blob (the bearer token cannot ride on a plain link) and saved under the
 * server's `Content-Disposition` name.
 */
export function IndexMenu({ roomId, roomName }: { roomId: string; roomName: string }) {
  const { t } = useTranslation('rooms');
  const download = useMutation({
    mutationFn: (format: IndexFormat) =>
      downloadFile(
        api.GET('/api/v1/datarooms/{id}/index', {
          params: { path: { id: roomId }, query: { format } },
          parseAs: 'blob',
        }),
        `${roomName}-index.${format}`,
      ),
  });
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" loading={download.isPending}>
            {t('index.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('index.label')}</Menu.Label>
          <Menu.Item onClick={() => download.mutate('csv')}>{t('index.csv')}</Menu.Item>
          <Menu.Item onClick={() => download.mutate('pdf')}>{t('index.pdf')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <div role="status" aria-live="polite">
        {download.isSuccess && <Text size="sm">{t('index.done', { name: download.data })}</Text>}
      </div>
      {download.isError && <ProblemAlert error={download.error} />}
    </>
  );
}
