/** The webhook form ↔ `POST /webhooks` `{url, events, secret?}`, its checks, and the server's field errors. */
import type { Schemas } from '../../api/client';
import { problemFieldErrors } from './ruleForm';

export type WebhookRequest = Schemas['WebhookRequest'];
export type WebhookEvent = WebhookRequest['events'][number];

export interface WebhookForm {
  url: string;
  events: string[];
  /** Empty: the server generates one (`whsec_...`) and shows it once. */
  secret: string;
}
export type WebhookField = keyof WebhookForm;
export type WebhookErrors = Partial<Record<WebhookField, string>>;

export function emptyWebhookForm(): WebhookForm {
  return { url: 'https://', events: [], secret: '' };
}

export function webhookFormToBody(form: WebhookForm): WebhookRequest {
  const body: WebhookRequest = { url: form.url.trim(), events: form.events as WebhookEvent[] };
  if (form.secret) body.secret = form.secret;
  return body;
}

export function validateWebhookForm(form: WebhookForm): WebhookErrors {
  const errors: WebhookErrors = {};
  let url: URL | undefined;
  try {
    url = new URL(form.url.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || form.url.length > 2048) {
    errors.url = 'webhooks.errors.url';
  }
  if (form.events.length < 1 || form.events.length > 50) errors.events = 'webhooks.errors.events';
  if (form.secret && (form.secret.length < 16 || form.secret.length > 200)) errors.secret = 'webhooks.errors.secret';
  return errors;
}

const SERVER_FIELDS: Record<string, WebhookField> = { url: 'url', events: 'events', secret: 'secret' };

export function webhookProblemErrors(error: unknown): WebhookErrors {
  return problemFieldErrors(error, SERVER_FIELDS, 'webhooks');
}
