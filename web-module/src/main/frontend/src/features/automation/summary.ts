/** A rule in words, for the list: "When: Document viewed · Only if: in the data room “Deal” · Then: email 2 recipients". */
import type { TFunction } from 'i18next';
import { eventTypeKey } from '../activity/eventTypes';
import type { Rule } from './ruleForm';

export interface RuleNames {
  room(id: string): string | undefined;
  link(id: string): string | null | undefined;
  webhook(id: string): string | undefined;
}

export function ruleConditions(rule: Rule, names: RuleNames, t: TFunction): string {
  const c = rule.conditions ?? {};
  const parts: string[] = [];
  if (c.dataroomId) {
    const name = names.room(c.dataroomId);
    parts.push(name ? t('automation:rules.condition.room', { name }) : t('automation:rules.condition.roomUnknown'));
  }
  if (c.linkId) {
    const name = names.link(c.linkId);
    parts.push(name ? t('automation:rules.condition.link', { name }) : t('automation:rules.condition.linkUnknown'));
  }
  if (c.documentId) parts.push(t('automation:rules.condition.document'));
  if (c.email) parts.push(t('automation:rules.condition.email', { email: c.email }));
  if (c.emailDomain) parts.push(t('automation:rules.condition.emailDomain', { domain: c.emailDomain }));
  if (c.count) {
    parts.push(t('automation:rules.condition.count', { count: c.count.atLeast, minutes: c.count.withinMinutes }));
  }
  if (parts.length === 0) return t('automation:rules.conditionsNone');
  const list = new Intl.ListFormat(t('common:locale'), { type: 'conjunction' }).format(parts);
  return t('automation:rules.conditions', { list });
}

export function ruleAction(rule: Rule, names: RuleNames, t: TFunction): string {
  const a = rule.action;
  switch (a.type) {
    case 'EMAIL':
      return t('automation:rules.action.EMAIL', { count: a.to?.length ?? 0 });
    case 'WEBHOOK': {
      const url = a.webhookId ? names.webhook(a.webhookId) : undefined;
      return url ? t('automation:rules.action.WEBHOOK', { url }) : t('automation:rules.action.webhookUnknown');
    }
    case 'NOTE':
      return t('automation:rules.action.NOTE', { text: a.text ?? '' });
    case 'REVOKE_LINK':
    default:
      return t('automation:rules.action.REVOKE_LINK');
  }
}

export function ruleTrigger(rule: Rule, t: TFunction): string {
  return t(eventTypeKey(rule.trigger), { defaultValue: rule.trigger });
}
