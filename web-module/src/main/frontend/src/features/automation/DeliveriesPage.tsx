import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { eventTypeKey } from '../activity/eventTypes';
import { formatWhen } from '../activity/sentence';
import { useDeliveries, useReplay, useWebhooks } from './queries';
import classes from './automation.module.css';

type Delivery = Schemas['WebhookDelivery'];

const STATUS_COLOR: Record<Delivery['status'], string> = {
  PENDING: 'gray',
  DELIVERED: 'green',
  FAILED: 'orange',
  DEAD: 'red',
};

/** A webhook's delivery log: event, status, attempts, last result, time, and a replay button per delivery. */
export function DeliveriesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['automation', 'activity', 'common']);
  const webhooks = useWebhooks();
  const deliveries = useDeliveries(id);
  const replay = useReplay(id);
  const [replayed, setReplayed] = useState(false);
  const webhook = webhooks.data?.items.find((w) => w.id === id);
  const items = useMemo(() => deliveries.data?.pages.flatMap((p) => p.items) ?? [], [deliveries.data]);
  const locale = t('common:locale');

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/automation?tab=webhooks">
        {t('deliveries.back')}
      </Anchor>
      <div>
        <Title order={1}>{t('deliveries.title')}</Title>
        {webhook && <Text mt="xs">{t('deliveries.of', { url: webhook.url })}</Text>}
        {webhooks.data && !webhook && (
          <Alert mt="xs" color="yellow" variant="light">
            {t('deliveries.unknownWebhook')}
          </Alert>
        )}
      </div>
      <Group gap="sm">
        <Button variant="default" size="xs" onClick={() => void deliveries.refetch()} loading={deliveries.isRefetching}>
          {t('deliveries.refresh')}
        </Button>
      </Group>
      {replayed && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('webhooks.close')} onClose={() => setReplayed(false)}>
          {t('deliveries.replayed')}
        </Alert>
      )}
      <ProblemAlert error={replay.error} />
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.isError && !deliveries.data ? (
        <ProblemAlert error={deliveries.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('deliveries.empty')}</Text>
      ) : (
        <div className={classes.tableWrap}>
          <Table striped aria-label={t('deliveries.label')} data-testid="deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('deliveries.event')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.status')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.attempts')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.lastResult')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.updated')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => {
                const event = t(eventTypeKey(d.eventType), { defaultValue: d.eventType });
                const when = formatWhen(d.updatedAt, locale);
                return (
                  <Table.Tr key={d.id}>
                    <Table.Td>{event}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[d.status]} variant="light">
                        {t(`deliveries.statuses.${d.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{new Intl.NumberFormat(locale).format(d.attempts)}</Table.Td>
                    <Table.Td>
                      {d.lastStatusCode != null
                        ? t('deliveries.statusCode', { code: d.lastStatusCode })
                        : d.lastError
                          ? d.lastError
                          : t('deliveries.none')}
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={d.updatedAt}>{when}</time>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('deliveries.replayOf', { event, when })}
                        loading={replay.isPending && replay.variables === d.id}
                        onClick={() => replay.mutate(d.id, { onSuccess: () => setReplayed(true) })}
                      >
                        {t('deliveries.replay')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {deliveries.hasNextPage && (
        <Button variant="default" onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
          {t('deliveries.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
