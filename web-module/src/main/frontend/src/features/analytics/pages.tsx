import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { downloadVisitsCsv } from '../../api/native';
import { problemMessage } from '../../api/problem';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { AnalyticsView, useRoomDocumentNames } from './AnalyticsView';

function Back() {
  const { t } = useTranslation('analytics');
  return <Anchor component={Link} to="/analytics" size="sm">{t('back')}</Anchor>;
}

export function LinkAnalyticsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['analytics', 'links', 'common']);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [csvBusy, setCsvBusy] = useState(false);
  const link = useQuery({
    queryKey: ['share-links', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/share-links/{id}', { params: { path: { id } } })),
  });
  const report = useQuery({
    queryKey: ['analytics', 'link', id],
    queryFn: () => unwrap(api.GET('/api/v1/share-links/{id}/analytics', { params: { path: { id } } })),
    refetchInterval: 15_000,
  });
  const target = link.data?.target;
  const roomNames = useRoomDocumentNames(target?.type === 'DATAROOM' ? target.id : undefined);
  const doc = useQuery({
    queryKey: ['documents', target?.id],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id: target!.id } } })),
    enabled: target?.type === 'DOCUMENT',
  });
  const names = doc.data ? { [doc.data.id]: doc.data.name } : roomNames;
  const name = link.data ? link.data.name ?? t(`links:targetType.${link.data.target.type}`) : '';

  async function csv() {
    setCsvError(null);
    setCsvBusy(true);
    try {
      await downloadVisitsCsv(id, `visits-${(link.data?.name ?? id).replace(/[^\w.-]+/g, '_')}.csv`);
    } catch (e) {
      setCsvError(problemMessage(e, t));
    } finally {
      setCsvBusy(false);
    }
  }

  return (
    <Stack gap="md">
      <Back />
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{link.data ? t('analytics:linkTitle', { name }) : t('analytics:title')}</Title>
        <Button variant="default" onClick={() => void csv()} loading={csvBusy} disabled={!report.data}>
          {t('analytics:csv')}
        </Button>
      </Group>
      {csvError && <Alert color="red" role="alert">{csvError}</Alert>}
      {report.isPending ? <Loading label={t('analytics:loading')} /> : report.error ? <ProblemAlert error={report.error} /> : (
        <AnalyticsView report={report.data} scope={{ linkId: id }} {...(names ? { names } : {})} />
      )}
    </Stack>
  );
}

export function DocumentAnalyticsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('analytics');
  const doc = useQuery({
    queryKey: ['documents', id],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
  });
  const report = useQuery({
    queryKey: ['analytics', 'document', id],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}/analytics', { params: { path: { id } } })),
    refetchInterval: 15_000,
  });
  return (
    <Stack gap="md">
      <Back />
      <Title order={1}>{doc.data ? t('documentTitle', { name: doc.data.name }) : t('title')}</Title>
      {report.isPending ? <Loading label={t('loading')} /> : report.error ? <ProblemAlert error={report.error} /> : (
        <AnalyticsView report={report.data} scope={{ documentId: id }}
          {...(doc.data ? { names: { [doc.data.id]: doc.data.name } } : {})} />
      )}
    </Stack>
  );
}

export function RoomAnalyticsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('analytics');
  const room = useQuery({
    queryKey: ['rooms', id],
    queryFn: () => unwrap(api.GET('/api/v1/datarooms/{id}', { params: { path: { id } } })),
  });
  const report = useQuery({
    queryKey: ['analytics', 'room', id],
    queryFn: () => unwrap(api.GET('/api/v1/datarooms/{id}/analytics', { params: { path: { id } } })),
    refetchInterval: 15_000,
  });
  const names = useRoomDocumentNames(id);
  return (
    <Stack gap="md">
      <Back />
      <Title order={1}>{room.data ? t('roomTitle', { name: room.data.name }) : t('title')}</Title>
      {report.isPending ? <Loading label={t('loading')} /> : report.error ? <ProblemAlert error={report.error} /> : (
        <AnalyticsView report={report.data} scope={{ dataroomId: id }} {...(names ? { names } : {})} />
      )}
    </Stack>
  );
}

/** `/analytics`: the rooms the caller manages and their links, each a way into its analytics. */
export function AnalyticsHome() {
  const { t } = useTranslation(['analytics', 'links']);
  const rooms = useQuery({ queryKey: ['rooms', 'list', 'manage'], queryFn: () => unwrap(api.GET('/api/v1/datarooms')) });
  const links = useQuery({
    queryKey: ['share-links', 'all', 'first'],
    queryFn: () => unwrap(api.GET('/api/v1/share-links', { params: { query: { limit: 50 } } })),
  });
  const manageable = rooms.data?.items.filter((r) => r.myPermission === 'MANAGE') ?? [];
  return (
    <Stack gap="lg">
      <Title order={1}>{t('analytics:title')}</Title>
      <section aria-labelledby="an-rooms">
        <Title order={2} size="h4" id="an-rooms" mb="xs">{t('analytics:home.rooms')}</Title>
        {rooms.isPending ? <Loading /> : rooms.error ? <ProblemAlert error={rooms.error} /> : manageable.length === 0 ? (
          <Text>{t('analytics:home.noRooms')}</Text>
        ) : (
          <ul>
            {manageable.map((r) => (
              <li key={r.id}><Anchor component={Link} to={`/analytics/rooms/${r.id}`}>{r.name}</Anchor></li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="an-links">
        <Title order={2} size="h4" id="an-links" mb="xs">{t('analytics:home.links')}</Title>
        {links.isPending ? <Loading /> : links.error ? <ProblemAlert error={links.error} /> : links.data.items.length === 0 ? (
          <Text>{t('analytics:home.noLinks')}</Text>
        ) : (
          <ul>
            {links.data.items.map((l) => (
              <li key={l.id}>
                <Anchor component={Link} to={`/analytics/links/${l.id}`}>{l.name ?? t(`links:targetType.${l.target.type}`)}</Anchor>
                {l.revoked && <Text span size="sm" c="dimmed"> ({t('links:status.revoked')})</Text>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Stack>
  );
}
