import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Problem, type Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';

/** The server's limits (QA-9). */
export const MAX_QUESTION = 4000;
export const MAX_ANSWER = 10000;

type Question = Schemas['Question'];

/** Who reads the panel: a member of the room (answers when managing the document), or a visitor of a link. */
export type QuestionsSource =
  | { kind: 'member'; roomId: string; documentId: string; canAnswer: boolean }
  | { kind: 'visitor'; token: string; visitorToken: string; documentId: string };

function queryKey(source: QuestionsSource) {
  return source.kind === 'member'
    ? ['questions', 'room', source.roomId] as const
    : ['questions', 'link', source.token, source.visitorToken] as const;
}

async function load(source: QuestionsSource): Promise<Question[] | null> {
  if (source.kind === 'member') {
    const { data, error, response } = await api.GET('/api/v1/datarooms/{id}/questions', {
      params: { path: { id: source.roomId } },
    });
    if (response.status === 404) return null; // the room is gone or not the caller's: the page tells that
    if (!data) throw new ApiError(response.status, error as Problem | undefined);
    return data.items;
  }
  const { data, error, response } = await api.GET('/api/v1/public/links/{token}/questions', {
    params: { path: { token: source.token }, header: { 'X-Visitor-Token': source.visitorToken } },
  });
  if (response.status === 404) return null; // the link does not allow questions (QA-4)
  if (!data) throw new ApiError(response.status, error as Problem | undefined);
  return data.items;
}

/**
 * Q&A beside the document viewer (docs/features/questions.md): the questions of this document the reader may see —
 * their own (with every answer to them) and the published ones; all of them for a manager, who answers here, privately
 * or published. A visitor's link without `allowQuestions` shows no panel at all.
 */
export function QuestionsPanel({ source }: { source: QuestionsSource }) {
  const { t } = useTranslation(['questions', 'common']);
  const queryClient = useQueryClient();
  const headingId = useId();
  const [text, setText] = useState('');
  const list = useQuery({ queryKey: queryKey(source), queryFn: () => load(source), retry: false });
  const ask = useMutation({
    mutationFn: (body: { text: string }) => source.kind === 'member'
      ? unwrap(api.POST('/api/v1/documents/{id}/questions', { params: { path: { id: source.documentId } }, body }))
      : unwrap(api.POST('/api/v1/public/links/{token}/questions', {
        params: { path: { token: source.token }, header: { 'X-Visitor-Token': source.visitorToken } },
        body: { documentId: source.documentId, text: body.text },
      })),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: queryKey(source) });
    },
  });

  if (list.isPending) return <Loading label={t('questions:loading')} />;
  if (list.data === null) return null;
  const questions = (list.data ?? []).filter((q) => q.documentId === source.documentId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = text.trim();
    if (body) ask.mutate({ text: body });
  }

  return (
    <section aria-labelledby={headingId} data-testid="questions-panel">
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>{t('questions:title')}</Title>
        {list.isError && <ProblemAlert error={list.error} />}
        {questions.length === 0 ? (
          <Text size="sm" c="dimmed">{t('questions:empty')}</Text>
        ) : (
          <ul aria-label={t('questions:list')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {questions.map((q) => (
              <li key={q.id}>
                <QuestionItem question={q} source={source} />
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={submit} noValidate data-testid="ask-question">
          <Stack gap="xs">
            <ProblemAlert error={ask.error} overrides={{ 'rate-limited': 'questions:throttled' }} />
            <Textarea label={t('questions:ask')} description={t('questions:askHint')} value={text} autosize
              minRows={2} maxRows={8} maxLength={MAX_QUESTION} onChange={(e) => setText(e.currentTarget.value)} />
            <Group>
              <Button type="submit" variant="light" size="xs" loading={ask.isPending} disabled={!text.trim()}>
                {t('questions:send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </section>
  );
}

function QuestionItem({ question: q, source }: { question: Question; source: QuestionsSource }) {
  const { t } = useTranslation(['questions', 'common']);
  return (
    <Paper withBorder p="xs" mb="xs" data-testid="question">
      <Stack gap={4}>
        <Group gap="xs">
          <Badge size="xs" variant="light" color={q.status === 'OPEN' ? 'gray' : q.status === 'PUBLISHED' ? 'green' : 'blue'}>
            {t(`questions:status.${q.status}`)}
          </Badge>
          {q.mine && <Badge size="xs" variant="light">{t('questions:mine')}</Badge>}
          {q.page != null && <Text size="xs" c="dimmed">{t('questions:page', { page: q.page })}</Text>}
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="question-text">{q.text}</Text>
        {q.answers.map((a) => (
          <Alert key={a.id} variant="light" color={a.published ? 'green' : 'blue'} p="xs" data-testid="answer"
            title={t(a.published ? 'questions:answerPublished' : 'questions:answerPrivate')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.text}</Text>
          </Alert>
        ))}
        {source.kind === 'member' && source.canAnswer && <AnswerForm question={q} source={source} />}
      </Stack>
    </Paper>
  );
}

function AnswerForm({ question, source }: { question: Question; source: QuestionsSource }) {
  const { t } = useTranslation(['questions', 'common']);
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [publish, setPublish] = useState(false);
  const answer = useMutation({
    mutationFn: (body: { text: string; publish: boolean }) => unwrap(api.POST('/api/v1/questions/{id}/answers', {
      params: { path: { id: question.id } }, body,
    })),
    onSuccess: () => {
      setText('');
      setPublish(false);
      void queryClient.invalidateQueries({ queryKey: queryKey(source) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = text.trim();
    if (body) answer.mutate({ text: body, publish });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="answer-question">
      <Stack gap={4}>
        <ProblemAlert error={answer.error} />
        <Textarea aria-label={t('questions:answer')} placeholder={t('questions:answer')} value={text} autosize
          minRows={1} maxRows={8} maxLength={MAX_ANSWER} onChange={(e) => setText(e.currentTarget.value)} />
        <Group gap="xs">
          <Checkbox size="xs" label={t('questions:publish')} checked={publish}
            onChange={(e) => setPublish(e.currentTarget.checked)} />
          <Button type="submit" size="xs" variant="default" loading={answer.isPending} disabled={!text.trim()}>
            {t('questions:sendAnswer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
