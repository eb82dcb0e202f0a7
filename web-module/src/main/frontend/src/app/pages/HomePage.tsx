import { Anchor, Group, List, Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { hasRole } from '../areas';
import { useMe } from '../auth/AuthProvider';
import { useFormat } from '../format';
import { ListState } from '../ui/ListState';
import { actorLabel, eventKey } from './activityText';

/** The start page after login: a greeting and, for admins and owners, the organisation's recent activity. */
export function HomePage() {
  const { t } = useTranslation('home');
  const me = useMe();
  const admin = hasRole(me.role, 'ADMIN');
  return (
    <>
      <Title order={1}>{t('title', { name: me.displayName })}</Title>
      <Text mt="md">{t('intro')}</Text>
      <Group mt="md">
        <Anchor component={Link} to="/rooms">
          {t('goRooms')}
        </Anchor>
      </Group>
      {admin && <RecentActivity />}
    </>
  );
}

function RecentActivity() {
  const { t } = useTranslation('home');
  const format = useFormat();
  const activity = useQuery({
    queryKey: ['activity', 'recent'],
    queryFn: () => unwrap(api.GET('/api/v1/activity', { params: { query: { limit: 10 } } })),
  });
  const members = useQuery({ queryKey: ['members'], queryFn: () => unwrap(api.GET('/api/v1/members')) });
  const names = useMemo(
    () => new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName] as const)),
    [members.data],
  );
  return (
    <Paper withBorder p="md" mt="xl" component="section" aria-labelledby="recent-activity">
      <Title order={2} size="h3" id="recent-activity" mb="sm">
        {t('recent')}
      </Title>
      <ListState query={activity} empty={t('empty')}>
        {(items) => (
          <List listStyleType="none" spacing="xs" data-testid="recent-activity">
            {items.map((item) => (
              <List.Item key={item.id}>
                <Text span>
                  {t(eventKey(item.type), {
                    actor: actorLabel(item.actor, names, (key) => t(key)),
                    defaultValue: t('events.other', { actor: actorLabel(item.actor, names, (key) => t(key)), type: item.type }),
                  })}
                </Text>{' '}
                <Text span c="dimmed" size="sm" title={format.dateTime(item.at)}>
                  <time dateTime={item.at}>{format.relative(item.at)}</time>
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </ListState>
      <Anchor component={Link} to="/activity" mt="sm" display="inline-block">
        {t('allActivity')}
      </Anchor>
    </Paper>
  );
}
