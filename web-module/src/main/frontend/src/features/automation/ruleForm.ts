/**
 * The rule editor's form ↔ the API's rule body (`POST /automations`, `PATCH /automations/{id}`), the checks the form
 * makes before sending, and the server's validation problem (`errors: [{field, message}]`) mapped onto the form's
 * fields. Pure: no React, no i18next (errors are message keys of the `automation` namespace).
 */
import { ApiError, type Schemas } from '../../api/client';

export type Rule = Schemas['AutomationRule'];
export type RuleAction = Schemas['AutomationAction'];
export type RuleConditions = Schemas['AutomationConditions'];
export type ActionType = RuleAction['type'];

export const ACTION_TYPES: readonly ActionType[] = ['EMAIL', 'WEBHOOK', 'REVOKE_LINK', 'NOTE'];

/**
 * The body the server reads. (The served OpenAPI's `AutomationRuleRequest` lists only `name` and `trigger`, although
 * the server takes conditions, action and enabled too: this type is built from the generated parts so that it stays
 * checked; see the report to the lead.)
 */
export interface RuleBody {
  name: string;
  trigger: string;
  conditions: RuleConditions;
  action: RuleAction;
  enabled: boolean;
}

export interface RuleForm {
  name: string;
  trigger: string;
  enabled: boolean;
  dataroomId: string;
  linkId: string;
  documentId: string;
  email: string;
  emailDomain: string;
  countOn: boolean;
  atLeast: number | string;
  withinMinutes: number | string;
  actionType: ActionType;
  /** EMAIL recipients as typed: addresses or member ids, separated by commas, semicolons, spaces or lines. */
  to: string;
  debounceMinutes: number | string;
  webhookId: string;
  text: string;
}

export type RuleField = keyof RuleForm;
export type RuleErrors = Partial<Record<RuleField, string>>;

export function emptyRuleForm(): RuleForm {
  return {
    name: '',
    trigger: '',
    enabled: true,
    dataroomId: '',
    linkId: '',
    documentId: '',
    email: '',
    emailDomain: '',
    countOn: false,
    atLeast: 3,
    withinMinutes: 60,
    actionType: 'EMAIL',
    to: '',
    debounceMinutes: '',
    webhookId: '',
    text: '',
  };
}

export function ruleToForm(rule: Rule): RuleForm {
  const c = rule.conditions ?? {};
  const a = rule.action;
  return {
    ...emptyRuleForm(),
    name: rule.name,
    trigger: rule.trigger,
    enabled: rule.enabled,
    dataroomId: c.dataroomId ?? '',
    linkId: c.linkId ?? '',
    documentId: c.documentId ?? '',
    email: c.email ?? '',
    emailDomain: c.emailDomain ?? '',
    countOn: !!c.count,
    atLeast: c.count?.atLeast ?? 3,
    withinMinutes: c.count?.withinMinutes ?? 60,
    actionType: a.type,
    to: (a.to ?? []).join(', '),
    debounceMinutes: a.debounceMinutes ?? '',
    webhookId: a.webhookId ?? '',
    text: a.text ?? '',
  };
}

export function recipients(to: string): string[] {
  return [...new Set(to.split(/[\s,;]+/).map((r) => r.trim()).filter(Boolean))];
}

function number(value: number | string): number | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Only what is set: empty conditions are left out, and the action carries the fields of its type only. */
export function formToBody(form: RuleForm): RuleBody {
  const conditions: RuleConditions = {};
  if (form.dataroomId) conditions.dataroomId = form.dataroomId;
  if (form.linkId) conditions.linkId = form.linkId;
  if (form.documentId) conditions.documentId = form.documentId;
  if (form.email.trim()) conditions.email = form.email.trim();
  if (form.emailDomain.trim()) conditions.emailDomain = form.emailDomain.trim().replace(/^@/, '');
  if (form.countOn) {
    conditions.count = { atLeast: number(form.atLeast) ?? 0, withinMinutes: number(form.withinMinutes) ?? 0 };
  }
  let action: RuleAction;
  switch (form.actionType) {
    case 'EMAIL': {
      action = { type: 'EMAIL', to: recipients(form.to) };
      const debounce = number(form.debounceMinutes);
      if (debounce !== undefined) action.debounceMinutes = debounce;
      break;
    }
    case 'WEBHOOK':
      action = { type: 'WEBHOOK', webhookId: form.webhookId };
      break;
    case 'NOTE':
      action = { type: 'NOTE', text: form.text.trim() };
      break;
    case 'REVOKE_LINK':
      action = { type: 'REVOKE_LINK' };
      break;
  }
  return { name: form.name.trim(), trigger: form.trigger, conditions, action, enabled: form.enabled };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function between(value: number | string, min: number, max: number): boolean {
  const n = number(value);
  return n !== undefined && Number.isInteger(n) && n >= min && n <= max;
}

/** The checks the form makes itself (the server checks again and has the last word). */
export function validateRuleForm(form: RuleForm): RuleErrors {
  const errors: RuleErrors = {};
  if (!form.name.trim() || form.name.trim().length > 200) errors.name = 'rule.errors.name';
  if (!form.trigger) errors.trigger = 'rule.errors.trigger';
  if (form.email.trim() && !EMAIL.test(form.email.trim())) errors.email = 'rule.errors.email';
  if (form.emailDomain.trim() && !/^@?[^\s@]+\.[^\s@]+$/.test(form.emailDomain.trim())) {
    errors.emailDomain = 'rule.errors.emailDomain';
  }
  if (form.countOn) {
    if (!between(form.atLeast, 1, 10000)) errors.atLeast = 'rule.errors.atLeast';
    if (!between(form.withinMinutes, 1, 43200)) errors.withinMinutes = 'rule.errors.withinMinutes';
  }
  switch (form.actionType) {
    case 'EMAIL': {
      const to = recipients(form.to);
      if (to.length < 1 || to.length > 20 || to.some((r) => !EMAIL.test(r) && !UUID.test(r))) {
        errors.to = 'rule.errors.to';
      }
      if (form.debounceMinutes !== '' && !between(form.debounceMinutes, 0, 10080)) {
        errors.debounceMinutes = 'rule.errors.debounceMinutes';
      }
      break;
    }
    case 'WEBHOOK':
      if (!form.webhookId) errors.webhookId = 'rule.errors.webhookId';
      break;
    case 'NOTE':
      if (!form.text.trim() || form.text.trim().length > 2000) errors.text = 'rule.errors.text';
      break;
    case 'REVOKE_LINK':
      break;
  }
  return errors;
}

/** The server's field path (e.g. `action.to`, `conditions.count`) → the form's field. */
const SERVER_FIELDS: Record<string, RuleField> = {
  name: 'name',
  trigger: 'trigger',
  enabled: 'enabled',
  'conditions.dataroomId': 'dataroomId',
  'conditions.linkId': 'linkId',
  'conditions.documentId': 'documentId',
  'conditions.email': 'email',
  'conditions.emailDomain': 'emailDomain',
  'conditions.count': 'atLeast',
  'conditions.count.atLeast': 'atLeast',
  'conditions.count.withinMinutes': 'withinMinutes',
  'action.type': 'actionType',
  'action.to': 'to',
  'action.debounceMinutes': 'debounceMinutes',
  'action.webhookId': 'webhookId',
  'action.text': 'text',
};

/** Maps a validation problem's `errors` onto the form (a field path may come with a prefix, e.g. `body.`). */
export function problemFieldErrors<F extends string>(error: unknown, fields: Record<string, F>, ns: string) {
  const errors: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError) || !error.problem?.errors) return errors;
  for (const { field } of error.problem.errors) {
    const key = Object.keys(fields)
      .filter((path) => field === path || field.endsWith(`.${path}`))
      .sort((a, b) => b.length - a.length)[0];
    if (key) errors[fields[key]!] = `${ns}.errors.${fields[key]!}`;
  }
  return errors;
}

export function ruleProblemErrors(error: unknown): RuleErrors {
  return problemFieldErrors(error, SERVER_FIELDS, 'rule');
}
