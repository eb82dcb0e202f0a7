import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { CONTRACT_EVENT_TYPES, eventTypeKey } from '../activity/eventTypes';
import { formatWhen } from '../activity/sentence';
import { InlineConfirm } from './confirm';
import { useCreateWebhook, useDeleteWebhook, useWebhooks } from './queries';
import {
  emptyWebhookForm,
  validateWebhookForm,
  webhookFormToBody,
  webhookProblemErrors,
  type WebhookErrors,
  type WebhookForm,
} from './webhookForm';
import classes from './automation.module.css';

type Webhook = Schemas['Webhook'];

/** Webhooks: list, create (the signing secret shown once, with copy), delete, and a link to each delivery log. */
export function WebhooksPanel() {
  const { t } = useTranslation(['automation', 'common']);
  const webhooks = useWebhooks();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Webhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = webhooks.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('webhooks.label')}
        </Title>
        <Button onClick={() => setCreating(true)}>{t('webhooks.new')}</Button>
      </Group>
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('webhooks.close')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {webhooks.isPending ? (
        <Loading />
      ) : webhooks.isError ? (
        <ProblemAlert error={webhooks.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('webhooks.empty')}</Text>
      ) : (
        <ul className={classes.list} aria-label={t('webhooks.label')}>
          {items.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} onDeleted={() => setNotice(t('webhooks.deleted'))} />
          ))}
        </ul>
      )}
      <Modal
        opened={creating || created !== null}
        onClose={() => {
          setCreating(false);
          setCreated(null);
        }}
        title={created ? t('webhooks.secretTitle') : t('webhooks.createTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('webhooks.close') }}
      >
        {created ? (
          <SecretOnce webhook={created} onDone={() => setCreated(null)} />
        ) : (
          creating && (
            <WebhookEditor
              onCancel={() => setCreating(false)}
              onCreated={(webhook) => {
                setCreating(false);
                setCreated(webhook);
              }}
            />
          )
        )}
      </Modal>
    </Stack>
  );
}

function WebhookRow({ webhook, onDeleted }: { webhook: Webhook; onDeleted: () => void }) {
  const { t } = useTranslation(['automation', 'common']);
  const remove = useDeleteWebhook();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={classes.card} data-testid="webhook">
      <div className={classes.row}>
        <div className={classes.grow}>
          <Text fw={600}>{webhook.url}</Text>
          <Text size="sm">
            {t('webhooks.events', { count: webhook.events.length })} ·{' '}
            {t('webhooks.created', { when: formatWhen(webhook.createdAt, t('common:locale')) })}
          </Text>
        </div>
        <Group gap="sm">
          <Anchor component={Link} to={`/automation/webhooks/${webhook.id}`} aria-label={t('webhooks.deliveriesOf', { url: webhook.url })}>
            {t('webhooks.deliveries')}
          </Anchor>
          <Button
            size="xs"
            variant="default"
            color="red"
            onClick={() => setConfirming(true)}
            aria-label={t('webhooks.deleteOf', { url: webhook.url })}
          >
            {t('webhooks.delete')}
          </Button>
        </Group>
      </div>
      {confirming && (
        <InlineConfirm
          question={t('webhooks.confirmDelete', { url: webhook.url })}
          busy={remove.isPending}
          onNo={() => setConfirming(false)}
          onYes={() =>
            remove.mutate(webhook.id, {
              onSuccess: () => {
                setConfirming(false);
                onDeleted();
              },
            })
          }
        />
      )}
      <ProblemAlert error={remove.error} />
    </li>
  );
}

function WebhookEditor(props: { onCancel: () => void; onCreated: (webhook: Webhook) => void }) {
  const { t } = useTranslation(['automation', 'activity', 'common']);
  const [form, setForm] = useState<WebhookForm>(emptyWebhookForm);
  const [errors, setErrors] = useState<WebhookErrors>({});
  const create = useCreateWebhook();
  const err = (field: keyof WebhookForm) => (errors[field] ? t(`automation:${errors[field]}`) : undefined);
  const options = CONTRACT_EVENT_TYPES.map((type) => ({ value: type, label: t(eventTypeKey(type)) })).sort((a, b) =>
    a.label.localeCompare(b.label, t('common:locale')),
  );

  function set<K extends keyof WebhookForm>(key: K, value: WebhookForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateWebhookForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      props.onCreated(await create.mutateAsync(webhookFormToBody(form)));
    } catch (error) {
      setErrors(webhookProblemErrors(error));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('webhooks.createTitle')}>
      <Stack gap="sm">
        {create.isError ? (
          <Alert color="red" role="alert" variant="light">
            {problemMessage(create.error, t, { validation: 'automation:webhooks.summary' })}
          </Alert>
        ) : (
          Object.values(errors).some(Boolean) && (
            <Alert color="red" role="alert" variant="light">
              {t('webhooks.summary')}
            </Alert>
          )
        )}
        <TextInput
          type="url"
          label={t('webhooks.url')}
          description={t('webhooks.urlHint')}
          required
          maxLength={2048}
          value={form.url}
          onChange={(e) => set('url', e.currentTarget.value)}
          error={err('url')}
          data-autofocus
        />
        <Checkbox.Group
          label={t('webhooks.eventsLegend')}
          required
          value={form.events}
          onChange={(events) => set('events', events)}
          error={err('events')}
        >
          <Group gap="xs" my="xs">
            <Button size="compact-xs" variant="default" onClick={() => set('events', [...CONTRACT_EVENT_TYPES])}>
              {t('webhooks.selectAll')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => set('events', [])}>
              {t('webhooks.selectNone')}
            </Button>
          </Group>
          <Stack gap={6} className={classes.events}>
            {options.map((option) => (
              <Checkbox key={option.value} value={option.value} label={option.label} />
            ))}
          </Stack>
        </Checkbox.Group>
        <PasswordInput
          label={t('webhooks.secret')}
          description={t('webhooks.secretHint')}
          maxLength={200}
          autoComplete="off"
          value={form.secret}
          onChange={(e) => set('secret', e.currentTarget.value)}
          error={err('secret')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onCancel}>
            {t('webhooks.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('webhooks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The secret of a new webhook: shown this once (the list never has it), with a copy button. */
function SecretOnce({ webhook, onDone }: { webhook: Webhook; onDone: () => void }) {
  const { t } = useTranslation('automation');
  return (
    <Stack gap="sm">
      <Alert color="yellow" variant="light">
        {t('webhooks.secretOnce')}
      </Alert>
      <Text size="sm" fw={600} id="webhook-secret-label">
        {t('webhooks.secretLabel')}
      </Text>
      <Code className={classes.secret} data-testid="webhook-secret">
        {webhook.secret ?? ''}
      </Code>
      <Group justify="flex-end" gap="sm">
        <CopyButton value={webhook.secret ?? ''}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} aria-live="polite">
              {copied ? t('webhooks.copied') : t('webhooks.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{t('webhooks.done')}</Button>
      </Group>
    </Stack>
  );
}
