import { Alert, Button, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../app/ui/ProblemAlert';

/** The server's limit of a request's message (AR-7). */
export const MAX_MESSAGE = 2000;

/**
 * A visitor the link's email rules refused asks for access (`POST /public/links/{token}/access-requests`, AR-1): the
 * refused address prefilled, an optional message to the person who shared the link. The server answers 202 whatever
 * it stored (it tells nothing of the lists), so the page says no more than that the request was passed on; a 429 or a
 * 400 problem is shown as its sentence.
 */
export function RequestAccess({ token, email: refused }: { token: string; email: string }) {
  const { t } = useTranslation(['visitor', 'common']);
  const [email, setEmail] = useState(refused);
  const [message, setMessage] = useState('');
  const headingId = useId();
  const ask = useMutation({
    mutationFn: (body: { email: string; message?: string }) => unwrap(api.POST(
      '/api/v1/public/links/{token}/access-requests', { params: { path: { token } }, body },
    )),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = message.trim();
    if (!email.trim()) return;
    ask.mutate({ email: email.trim(), ...(text ? { message: text } : {}) });
  }

  if (ask.isSuccess) {
    return (
      <Alert color="green" variant="light" role="status" data-testid="access-requested"
        title={t('visitor:request.sentTitle')}>
        {t('visitor:request.sent', { email: ask.variables.email })}
      </Alert>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} data-testid="request-access">
      <Stack gap="sm">
        <div>
          <Text fw={600} id={headingId}>{t('visitor:request.title')}</Text>
          <Text size="sm" c="dimmed">{t('visitor:request.hint')}</Text>
        </div>
        <ProblemAlert error={ask.error} overrides={{
          'rate-limited': 'visitor:request.throttled',
          'not-found': 'visitor:closed.unavailable.body',
        }} />
        <TextInput type="email" label={t('visitor:request.email')} value={email} autoComplete="email" required
          maxLength={254} onChange={(e) => setEmail(e.currentTarget.value)} />
        <Textarea label={t('visitor:request.message')} description={t('visitor:request.messageHint')} value={message}
          autosize minRows={2} maxRows={8} maxLength={MAX_MESSAGE} onChange={(e) => setMessage(e.currentTarget.value)} />
        <Button type="submit" variant="light" loading={ask.isPending} disabled={!email.trim()}>
          {t('visitor:request.submit')}
        </Button>
      </Stack>
    </form>
  );
}
