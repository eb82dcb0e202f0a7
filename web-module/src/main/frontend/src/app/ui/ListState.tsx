import { Button, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from './Loading';
import { ProblemAlert } from './ProblemAlert';

/**
 * The three states every list has besides its rows: loading, failed (a sentence and "try again") and empty.
 * `children` renders the items once there are some.
 */
export function ListState<T>(props: {
  query: UseQueryResult<{ items: T[] }>;
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation('common');
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <Stack align="flex-start">
        <ProblemAlert error={query.error} />
        <Button variant="default" size="xs" onClick={() => void query.refetch()}>
          {t('retry')}
        </Button>
      </Stack>
    );
  }
  if (query.data.items.length === 0) return <Text c="dimmed">{props.empty}</Text>;
  return <>{props.children(query.data.items)}</>;
}
