import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import {
  emptyRuleForm,
  formToBody,
  recipients,
  ruleProblemErrors,
  ruleToForm,
  validateRuleForm,
  type Rule,
} from './ruleForm';
import { validateWebhookForm, webhookFormToBody, webhookProblemErrors } from './webhookForm';

const ROOM = '0190a000-0000-7000-8000-000000000001';
const HOOK = '0190a000-0000-7000-8000-000000000009';

function validation(...fields: string[]) {
  return new ApiError(400, {
    type: '/problems/validation',
    title: 'Bad Request',
    status: 400,
    detail: 'd',
    errors: fields.map((field) => ({ field, message: 'is wrong' })),
  });
}

describe('rule form ↔ API body', () => {
  it('sends only the conditions set and the fields of the chosen action', () => {
    const form = {
      ...emptyRuleForm(),
      name: '  Watch the deal ',
      trigger: 'document.viewed',
      dataroomId: ROOM,
      emailDomain: '@example.com',
      to: 'a@example.com, b@example.com\na@example.com',
      debounceMinutes: 30,
      webhookId: HOOK, // typed for another action: not sent
      text: 'left over', // idem
    };
    expect(formToBody(form)).toEqual({
      name: 'Watch the deal',
      trigger: 'document.viewed',
      conditions: { dataroomId: ROOM, emailDomain: 'example.com' },
      action: { type: 'EMAIL', to: ['a@example.com', 'b@example.com'], debounceMinutes: 30 },
      enabled: true,
    });
    expect(formToBody({ ...form, actionType: 'WEBHOOK' }).action).toEqual({ type: 'WEBHOOK', webhookId: HOOK });
    expect(formToBody({ ...form, actionType: 'REVOKE_LINK' }).action).toEqual({ type: 'REVOKE_LINK' });
    expect(formToBody({ ...form, actionType: 'NOTE' }).action).toEqual({ type: 'NOTE', text: 'left over' });
    expect(formToBody({ ...form, countOn: true, atLeast: 3, withinMinutes: 60 }).conditions.count).toEqual({
      atLeast: 3,
      withinMinutes: 60,
    });
  });

  it('reads a rule back into the form and sends the same body again', () => {
    const rule: Rule = {
      id: 'r1',
      name: 'Count',
      trigger: 'link.opened',
      conditions: { dataroomId: ROOM, count: { atLeast: 5, withinMinutes: 10 }, email: 'v@example.com' },
      action: { type: 'NOTE', text: 'Busy link' },
      enabled: false,
      builtIn: false,
      createdAt: '2026-12-01T00:00:00Z',
      updatedAt: '2026-12-01T00:00:00Z',
    };
    const body = formToBody(ruleToForm(rule));
    expect(body).toEqual({ name: 'Count', trigger: 'link.opened', conditions: rule.conditions, action: rule.action, enabled: false });
  });

  it('checks what it can before sending: name, trigger, recipients, webhook, note, counts', () => {
    expect(validateRuleForm(emptyRuleForm())).toEqual({
      name: 'rule.errors.name',
      trigger: 'rule.errors.trigger',
      to: 'rule.errors.to',
    });
    const ok = { ...emptyRuleForm(), name: 'n', trigger: 'link.opened', to: `a@example.com ${HOOK}` };
    expect(validateRuleForm(ok)).toEqual({});
    expect(validateRuleForm({ ...ok, to: 'not-an-address' }).to).toBe('rule.errors.to');
    expect(validateRuleForm({ ...ok, to: Array.from({ length: 21 }, (_, i) => `u${i}@example.com`).join(',') }).to).toBe(
      'rule.errors.to',
    );
    expect(validateRuleForm({ ...ok, actionType: 'WEBHOOK' }).webhookId).toBe('rule.errors.webhookId');
    expect(validateRuleForm({ ...ok, actionType: 'NOTE', text: '  ' }).text).toBe('rule.errors.text');
    expect(validateRuleForm({ ...ok, countOn: true, atLeast: 0, withinMinutes: 50000 })).toEqual({
      atLeast: 'rule.errors.atLeast',
      withinMinutes: 'rule.errors.withinMinutes',
    });
    expect(recipients(' a@x.io;b@x.io  a@x.io ')).toEqual(['a@x.io', 'b@x.io']);
  });

  it('puts the server’s validation problem at the fields it names (with or without a prefix)', () => {
    expect(ruleProblemErrors(validation('trigger', 'action.webhookId', 'body.conditions.count'))).toEqual({
      trigger: 'rule.errors.trigger',
      webhookId: 'rule.errors.webhookId',
      atLeast: 'rule.errors.atLeast',
    });
    expect(ruleProblemErrors(validation('somethingElse'))).toEqual({});
    expect(ruleProblemErrors(new Error('network'))).toEqual({});
  });
});

describe('webhook form', () => {
  it('sends url and events, and the secret only when one was typed', () => {
    expect(webhookFormToBody({ url: ' https://hooks.example.com/in ', events: ['link.opened'], secret: '' })).toEqual({
      url: 'https://hooks.example.com/in',
      events: ['link.opened'],
    });
    expect(webhookFormToBody({ url: 'https://h.example.com', events: ['link.opened'], secret: 's'.repeat(16) }).secret).toBe(
      's'.repeat(16),
    );
  });

  it('checks the URL, the events and the secret’s length, and maps the server’s fields', () => {
    expect(validateWebhookForm({ url: 'ftp://x', events: [], secret: 'short' })).toEqual({
      url: 'webhooks.errors.url',
      events: 'webhooks.errors.events',
      secret: 'webhooks.errors.secret',
    });
    expect(validateWebhookForm({ url: 'https://hooks.example.com', events: ['link.opened'], secret: '' })).toEqual({});
    expect(webhookProblemErrors(validation('url'))).toEqual({ url: 'webhooks.errors.url' });
  });
});
