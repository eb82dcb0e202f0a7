import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import classes from './links.module.css';

type ShareLink = Schemas['ShareLink'];
type AccessRequest = Schemas['AccessRequest'];

/** The query of a link's access requests (shared by the panel and the list's badge). */
export function accessRequestsQuery(linkId: string) {
  return {
    queryKey: ['share-links', linkId, 'access-requests'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/share-links/{id}/access-requests', { params: { path: { id: linkId } } })),
  };
}

/** Whether a link can have access requests worth asking for: it asks for the email and is not revoked. */
export function takesRequests(link: ShareLink): boolean {
  return !link.revoked && !!link.requireEmail;
}

/**
 * The number of pending access requests of a link in the list, when there are any (one small read per link that
 * asks for an email; the panel shares its cache). Nothing while loading or on an error: the panel tells those.
 */
export function PendingRequestsBadge({ link }: { link: ShareLink }) {
  const { t } = useTranslation('links');
  const requests = useQuery({ ...accessRequestsQuery(link.id), enabled: takesRequests(link), staleTime: 30_000, retry: false });
  const pending = requests.data?.items.filter((r) => r.status === 'PENDING').length ?? 0;
  if (pending === 0) return null;
  return (
    <span className={`${classes.status} ${classes.pending}`} data-testid="pending-requests">
      {t('requests.badge', { count: pending })}
    </span>
  );
}

/**
 * A link's access requests (AR-2..AR-4) in its editor: the pending ones with email, message and time, approved or
 * denied here; the decided ones with their outcome. Approving adds the email to the allow list on the server, so the
 * link is read again and handed to `onApproved` (the editor shows the new list). A 409 (decided meanwhile, maybe by
 * another manager) is told and the list read again.
 */
export function AccessRequestsPanel({ link, onApproved }: { link: ShareLink; onApproved: (fresh: ShareLink) => void }) {
  const { t } = useTranslation(['links', 'common']);
  const queryClient = useQueryClient();
  const [done, setDone] = useState<{ email: string; outcome: 'APPROVED' | 'DENIED' } | null>(null);
  const requests = useQuery({ ...accessRequestsQuery(link.id), retry: false });
  const decide = useMutation({
    mutationFn: async ({ request, outcome }: { request: AccessRequest; outcome: 'APPROVED' | 'DENIED' }) => {
      const path = { params: { path: { id: request.id } } };
      if (outcome === 'APPROVED') await unwrap(api.POST('/api/v1/access-requests/{id}/approve', path));
      else await unwrap(api.POST('/api/v1/access-requests/{id}/deny', path));
      const fresh = outcome === 'APPROVED'
        ? await unwrap(api.GET('/api/v1/share-links/{id}', { params: { path: { id: link.id } } }))
        : null;
      return { fresh };
    },
    onMutate: () => setDone(null),
    onSuccess: ({ fresh }, { request, outcome }) => {
      setDone({ email: request.email, outcome });
      if (fresh) onApproved(fresh);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void requests.refetch();
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: accessRequestsQuery(link.id).queryKey });
      // the lists of links (['share-links', target]): the allow list changed; not the folder's room lookup
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'share-links' && q.queryKey.length === 2 });
    },
  });

  const lng = t('common:locale');
  const items = requests.data?.items ?? [];
  const pending = items.filter((r) => r.status === 'PENDING');
  const decided = items.filter((r) => r.status !== 'PENDING');
  const busy = decide.isPending ? decide.variables : undefined;

  return (
    <section aria-labelledby={`requests-${link.id}`} className={classes.requests} data-testid="access-requests">
      <Stack gap="xs">
        <Title order={3} size="h5" id={`requests-${link.id}`}>
          {t('links:requests.title')}
          {pending.length > 0 && ` (${pending.length})`}
        </Title>
        <Text size="sm" c="dimmed">{t('links:requests.hint')}</Text>
        {done && (
          <Alert color="green" variant="light" role="status">
            {t(done.outcome === 'APPROVED' ? 'links:requests.approved' : 'links:requests.denied', { email: done.email })}
          </Alert>
        )}
        <ProblemAlert error={decide.error} overrides={{ conflict: 'links:requests.conflict' }} />
        {requests.isPending ? (
          <Loading label={t('links:requests.loading')} />
        ) : requests.error ? (
          <ProblemAlert error={requests.error} />
        ) : items.length === 0 ? (
          <Text size="sm" data-testid="requests-empty">{t('links:requests.empty')}</Text>
        ) : (
          <>
            {pending.length > 0 && (
              <ul className={classes.requestList} aria-label={t('links:requests.pending')}>
                {pending.map((r) => (
                  <li key={r.id} className={classes.request} data-testid="access-request">
                    <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                      <div className={classes.requestText}>
                        <Text fw={600} size="sm">{r.email}</Text>
                        <Text size="xs" c="dimmed">
                          {t('links:requests.asked', { at: formatDateTime(r.createdAt, lng) })}
                        </Text>
                        {r.message && <Text size="sm" className={classes.requestMessage}>{r.message}</Text>}
                      </div>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" type="button" disabled={decide.isPending}
                          loading={busy?.request.id === r.id && busy.outcome === 'APPROVED'}
                          aria-label={t('links:requests.approveFor', { email: r.email })}
                          onClick={() => decide.mutate({ request: r, outcome: 'APPROVED' })}>
                          {t('links:requests.approve')}
                        </Button>
                        <Button size="xs" type="button" variant="default" disabled={decide.isPending}
                          loading={busy?.request.id === r.id && busy.outcome === 'DENIED'}
                          aria-label={t('links:requests.denyFor', { email: r.email })}
                          onClick={() => decide.mutate({ request: r, outcome: 'DENIED' })}>
                          {t('links:requests.deny')}
                        </Button>
                      </Group>
                    </Group>
                  </li>
                ))}
              </ul>
            )}
            {decided.length > 0 && (
              <ul className={classes.requestList} aria-label={t('links:requests.decided')}>
                {decided.map((r) => (
                  <li key={r.id} className={classes.request} data-testid="decided-request">
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Text size="sm">{r.email}</Text>
                      <span className={`${classes.status} ${r.status === 'APPROVED' ? classes.active : classes.revoked}`}>
                        {t(`links:requests.status.${r.status}`)}
                      </span>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('links:requests.decidedAt', { at: formatDateTime(r.decidedAt, lng) })}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Stack>
    </section>
  );
}
