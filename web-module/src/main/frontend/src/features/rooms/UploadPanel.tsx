import { ActionIcon, Button, Group, Progress, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatPercent } from './format';
import { percent, type UploadItem, type UploadQueue } from './uploadQueue';
import { useUploads } from './uploads';
import classes from './rooms.module.css';

/** The uploads of a room: a bar in total and one per file, cancel per file and all, a sentence per refusal. */
export function UploadPanel({ queue }: { queue: UploadQueue }) {
  const { t } = useTranslation(['rooms', 'common']);
  const locale = t('common:locale');
  const { items, totals } = useUploads(queue);
  if (items.length === 0) return null;
  const total = percent(totals.loaded, totals.bytes);

  return (
    <section aria-labelledby="uploads-title" data-testid="uploads">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="uploads-title">
          {t('upload.title')}
        </Title>
        <Group gap="xs">
          {totals.active ? (
            <Button size="xs" variant="default" color="red" onClick={() => queue.cancelAll()}>
              {t('upload.cancelAll')}
            </Button>
          ) : (
            <Button size="xs" variant="default" onClick={() => queue.clearFinished()}>
              {t('upload.clear')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" id="uploads-total-label" aria-live="polite">
        {t('upload.summary', {
          count: totals.count,
          done: totals.done,
          loaded: formatBytes(totals.loaded, locale),
          bytes: formatBytes(totals.bytes, locale),
        })}
        {totals.failed > 0 && ` ${t('upload.failedCount', { count: totals.failed })}`}
        {totals.cancelled > 0 && ` ${t('upload.cancelledCount', { count: totals.cancelled })}`}
      </Text>
      <Bar value={total} labelledBy="uploads-total-label" size="lg" testId="upload-total" />
      <ul className={classes.uploadList} aria-label={t('upload.list')}>
        {items.map((item) => (
          <UploadRow key={item.id} item={item} queue={queue} />
        ))}
      </ul>
    </section>
  );
}

/** A progress bar named by the element `labelledBy` (Mantine's Progress passes only aria-label to the bar). */
function Bar(props: { value: number; labelledBy: string; size: 'sm' | 'lg'; color?: string; testId: string }) {
  return (
    <Progress.Root size={props.size} mt={4} mb={props.size === 'lg' ? 'sm' : 0}>
      <Progress.Section
        value={props.value}
        {...(props.color ? { color: props.color } : {})}
        aria-labelledby={props.labelledBy}
        data-testid={props.testId}
        data-value={props.value}
      />
    </Progress.Root>
  );
}

function UploadRow({ item, queue }: { item: UploadItem; queue: UploadQueue }) {
  const { t } = useTranslation(['rooms', 'common']);
  const locale = t('common:locale');
  const value = item.state === 'done' ? 100 : percent(item.loaded, item.size);
  const label = item.dir ? `${item.dir}/${item.name}` : item.name;
  const labelId = `upload-${item.id}`;
  const color = item.state === 'failed' ? 'red' : item.state === 'done' ? 'teal' : item.state === 'cancelled' ? 'gray' : 'blue';
  return (
    <li className={classes.uploadItem} data-testid="upload-item" data-state={item.state}>
      <Group gap="xs" wrap="nowrap" align="center">
        <Text size="sm" className={classes.uploadName} id={labelId}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`upload.state.${item.state}`)}
        </Text>
        {(item.state === 'waiting' || item.state === 'uploading') && (
          <ActionIcon
            variant="subtle"
            color="red"
            size="sm"
            aria-label={t('upload.cancel', { name: item.name })}
            onClick={() => queue.cancel(item.id)}
          >
            <span aria-hidden="true">✕</span>
          </ActionIcon>
        )}
      </Group>
      <Bar value={value} labelledBy={labelId} color={color} size="sm" testId="upload-progress" />
      {item.state === 'uploading' && (
        <Text size="xs" c="dimmed">
          {t('upload.bytes', {
            percent: formatPercent(value, locale),
            loaded: formatBytes(item.loaded, locale),
            size: formatBytes(item.size, locale),
          })}
        </Text>
      )}
      {item.state === 'failed' && (
        <Text size="sm" c="red" role="alert">
          {t(`upload.refusal.${item.refusal ?? 'other'}`, { name: item.name })}
        </Text>
      )}
    </li>
  );
}
