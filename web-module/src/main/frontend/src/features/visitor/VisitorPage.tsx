import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { GateStep } from './GateStep';
import { LinkContent } from './LinkContent';
import { RequestAccess } from './RequestAccess';
import {
  initialState, onGiven, onIntro, onSession, onSessionEnded, type Answer, type GateState, type Requirement,
} from './gate';

type Action =
  | { type: 'intro'; answer: Answer }
  | { type: 'given'; value: string | boolean }
  | { type: 'session'; answer: Answer }
  | { type: 'ended' }
  | { type: 'reset' };

function reducer(state: GateState, action: Action): GateState {
  switch (action.type) {
    case 'intro': return onIntro(action.answer);
    case 'given': return onGiven(state, action.value);
    case 'session': return onSession(state, action.answer);
    case 'ended': return onSessionEnded(state);
    case 'reset': return initialState;
  }
}

function requiresOf(error: unknown): Requirement[] | undefined {
  if (typeof error === 'object' && error !== null && Array.isArray((error as { requires?: unknown }).requires)) {
    return (error as { requires: Requirement[] }).requires;
  }
  return undefined;
}

function retryAfterOf(response: Response): number | null {
  const value = Number(response.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * `/l/:token`: the link gate, then what the link shows. The visitor token lives only in this component's state
 * (memory): a reload asks again.
 */
export function VisitorPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('visitor');
  const [state, dispatch] = useReducer(reducer, initialState);

  useEffect(() => {
    if (state.kind !== 'loading') return;
    let cancelled = false;
    void (async () => {
      try {
        const { data, response } = await api.GET('/api/v1/public/links/{token}', { params: { path: { token } } });
        if (!cancelled) dispatch({ type: 'intro', answer: { status: response.status, body: data } });
      } catch {
        if (!cancelled) dispatch({ type: 'intro', answer: { status: 0 } });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [state.kind, token]);

  const credentials = state.kind === 'submitting' ? state.credentials : null;
  useEffect(() => {
    if (!credentials) return;
    let cancelled = false;
    void (async () => {
      try {
        const { data, error, response } = await api.POST('/api/v1/public/links/{token}/sessions', {
          params: { path: { token } },
          body: credentials,
        });
        if (cancelled) return;
        dispatch({
          type: 'session',
          answer: { status: response.status, body: data, requires: requiresOf(error), retryAfter: retryAfterOf(response) },
        });
      } catch {
        if (!cancelled) dispatch({ type: 'session', answer: { status: 0 } });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [credentials, token]);

  const ended = useCallback(() => dispatch({ type: 'ended' }), []);

  if (state.kind === 'loading') return <Loading label={t('opening')} />;
  if (state.kind === 'closed') {
    return (
      <Stack maw={520} mx="auto" mt="xl" data-testid="link-closed">
        <Title order={1}>{t(`closed.${state.reason}.title`)}</Title>
        <Alert color={state.reason === 'error' ? 'red' : 'gray'} role="alert" variant="light">
          {t(`closed.${state.reason}.body`)}
        </Alert>
        {state.reason === 'error' && (
          <Button variant="default" onClick={() => dispatch({ type: 'reset' })}>
            {t('common:retry')}
          </Button>
        )}
      </Stack>
    );
  }
  if (state.kind === 'open') {
    return (
      <LinkContent token={token} intro={state.intro} visitorToken={state.visitorToken} onSessionEnded={ended} />
    );
  }
  const intro = state.intro;
  return (
    <Stack maw={520} mx="auto" mt="lg" gap="md">
      <div>
        {intro.branding.name && (
          <Text size="sm" c="dimmed">
            {t('sharedBy', { name: intro.branding.name })}
          </Text>
        )}
        <Title order={1}>{intro.name ?? t(`untitled.${intro.targetType}`)}</Title>
      </div>
      {state.kind === 'submitting' ? (
        <Loading label={t('checking')} />
      ) : (
        <GateStep state={state} onGiven={(value) => dispatch({ type: 'given', value })} />
      )}
      {state.kind === 'step' && state.error === 'refused' && state.refusedEmail && (
        <RequestAccess key={state.refusedEmail} token={token} email={state.refusedEmail} />
      )}
    </Stack>
  );
}
