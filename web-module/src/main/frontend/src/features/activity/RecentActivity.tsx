import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasRole } from '../../app/areas';
import { useMe } from '../../app/auth/AuthProvider';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { ActivityEvent } from './ActivityEvent';
import { useNames } from './names';
import { useActivity } from './useActivity';
import classes from './activity.module.css';

/**
 * The last `limit` events of the whole stream, for the home page: `<RecentActivity limit={5} />`. The whole stream
 * is for OWNER and ADMIN; for a MEMBER this renders nothing (their activity is per room, on the activity page).
 */
export function RecentActivity({ limit = 5 }: { limit?: number }) {
  const me = useMe();
  const admin = hasRole(me.role, 'ADMIN');
  if (!admin) return null;
  return <RecentActivityList limit={limit} />;
}

function RecentActivityList({ limit }: { limit: number }) {
  const { t } = useTranslation(['activity', 'common']);
  const me = useMe();
  const activity = useActivity({}, { limit });
  const items = activity.data?.pages[0]?.items ?? [];
  const names = useNames(items, me.role);
  return (
    <Stack component="section" aria-labelledby="recent-activity" gap="xs" mt="xl">
      <Title order={2} id="recent-activity" size="h3">
        {t('activity:recent.title')}
      </Title>
      {activity.isPending ? (
        <Loading />
      ) : activity.isError ? (
        <ProblemAlert error={activity.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('activity:recent.empty')}</Text>
      ) : (
        <ul className={classes.list} aria-label={t('activity:recent.title')}>
          {items.map((item) => (
            <ActivityEvent key={item.id} item={item} names={names} />
          ))}
        </ul>
      )}
      <Anchor component={Link} to="/activity">
        {t('activity:recent.all')}
      </Anchor>
    </Stack>
  );
}
