import {
  Alert,
  Button,
  Checkbox,
  CloseButton,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';
import { CONTRACT_EVENT_TYPES, eventTypeKey } from '../activity/eventTypes';
import { useLinks, useRooms } from '../activity/names';
import { useSaveRule, useWebhooks } from './queries';
import {
  ACTION_TYPES,
  emptyRuleForm,
  formToBody,
  ruleProblemErrors,
  ruleToForm,
  validateRuleForm,
  type ActionType,
  type Rule,
  type RuleErrors,
  type RuleForm,
} from './ruleForm';
import classes from './automation.module.css';

/** Create or edit a rule: trigger, conditions, action; the server's validation shown at the fields it names. */
export function RuleEditor(props: { rule?: Rule; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation(['automation', 'activity', 'common']);
  const [form, setForm] = useState<RuleForm>(() => (props.rule ? ruleToForm(props.rule) : emptyRuleForm()));
  const [errors, setErrors] = useState<RuleErrors>({});
  const save = useSaveRule();
  const rooms = useRooms();
  const links = useLinks();
  const webhooks = useWebhooks();

  function set<K extends keyof RuleForm>(key: K, value: RuleForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }
  const err = (field: keyof RuleForm) => (errors[field] ? t(`automation:${errors[field]}`) : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateRuleForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await save.mutateAsync({ ...(props.rule ? { id: props.rule.id } : {}), body: formToBody(form) });
      props.onDone(true);
    } catch (error) {
      setErrors(ruleProblemErrors(error));
    }
  }

  const triggerOptions = CONTRACT_EVENT_TYPES.map((type) => ({ value: type, label: t(eventTypeKey(type)) })).sort(
    (a, b) => a.label.localeCompare(b.label, t('common:locale')),
  );
  const hasErrors = Object.values(errors).some(Boolean);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t(props.rule ? 'rule.editTitle' : 'rule.createTitle')}>
      <Stack gap="sm">
        {save.isError && (
          <Alert color="red" role="alert" variant="light">
            {problemMessage(save.error, t, { validation: 'automation:rule.summary' })}
          </Alert>
        )}
        {!save.isError && hasErrors && (
          <Alert color="red" role="alert" variant="light">
            {t('rule.summary')}
          </Alert>
        )}
        <TextInput
          label={t('rule.name')}
          required
          maxLength={200}
          value={form.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={err('name')}
          data-autofocus
        />
        <NativeSelect
          label={t('rule.trigger')}
          required
          value={form.trigger}
          onChange={(e) => set('trigger', e.currentTarget.value)}
          data={[{ value: '', label: t('rule.triggerPick') }, ...triggerOptions]}
          error={err('trigger')}
        />
        <Fieldset legend={t('rule.conditionsLegend')} variant="unstyled">
          <Stack gap="sm">
            <div className={classes.fields}>
              <NativeSelect
                label={t('rule.room')}
                value={form.dataroomId}
                onChange={(e) => set('dataroomId', e.currentTarget.value)}
                data={[
                  { value: '', label: t('rule.anyRoom') },
                  ...(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: r.name })),
                  ...(form.dataroomId && !rooms.data?.items.some((r) => r.id === form.dataroomId)
                    ? [{ value: form.dataroomId, label: t('automation:rules.condition.roomUnknown') }]
                    : []),
                ]}
                error={err('dataroomId')}
              />
              <NativeSelect
                label={t('rule.link')}
                value={form.linkId}
                onChange={(e) => set('linkId', e.currentTarget.value)}
                data={[
                  { value: '', label: t('rule.anyLink') },
                  ...(links.data?.items ?? []).map((l) => ({
                    value: l.id,
                    label: l.name ?? t('activity:object.linkUnnamedPhrase'),
                  })),
                  ...(form.linkId && !links.data?.items.some((l) => l.id === form.linkId)
                    ? [{ value: form.linkId, label: t('automation:rules.condition.linkUnknown') }]
                    : []),
                ]}
                error={err('linkId')}
              />
            </div>
            {form.documentId && (
              <Group gap={4}>
                <Text size="sm">{t('rule.document', { id: form.documentId })}</Text>
                <CloseButton size="sm" aria-label={t('rule.removeDocument')} onClick={() => set('documentId', '')} />
              </Group>
            )}
            <div className={classes.fields}>
              <TextInput
                type="email"
                label={t('rule.email')}
                value={form.email}
                onChange={(e) => set('email', e.currentTarget.value)}
                error={err('email')}
              />
              <TextInput
                label={t('rule.emailDomain')}
                description={t('rule.emailDomainHint')}
                value={form.emailDomain}
                onChange={(e) => set('emailDomain', e.currentTarget.value)}
                error={err('emailDomain')}
              />
            </div>
            <Checkbox
              label={t('rule.countOn')}
              checked={form.countOn}
              onChange={(e) => set('countOn', e.currentTarget.checked)}
            />
            {form.countOn && (
              <div className={classes.fields}>
                <NumberInput
                  label={t('rule.atLeast')}
                  min={1}
                  max={10000}
                  allowDecimal={false}
                  value={form.atLeast}
                  onChange={(v) => set('atLeast', v)}
                  error={err('atLeast')}
                />
                <NumberInput
                  label={t('rule.withinMinutes')}
                  min={1}
                  max={43200}
                  allowDecimal={false}
                  value={form.withinMinutes}
                  onChange={(v) => set('withinMinutes', v)}
                  error={err('withinMinutes')}
                />
              </div>
            )}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('rule.actionLegend')} variant="unstyled">
          <Stack gap="sm">
            <NativeSelect
              label={t('rule.actionType')}
              value={form.actionType}
              onChange={(e) => set('actionType', e.currentTarget.value as ActionType)}
              data={ACTION_TYPES.map((type) => ({ value: type, label: t(`rule.actionTypes.${type}`) }))}
              error={err('actionType')}
            />
            {form.actionType === 'EMAIL' && (
              <>
                <Textarea
                  label={t('rule.to')}
                  description={t('rule.toHint')}
                  required

                  minRows={2}
                  value={form.to}
                  onChange={(e) => set('to', e.currentTarget.value)}
                  error={err('to')}
                />
                <NumberInput
                  label={t('rule.debounceMinutes')}
                  description={t('rule.debounceHint')}
                  min={0}
                  max={10080}
                  allowDecimal={false}
                  value={form.debounceMinutes}
                  onChange={(v) => set('debounceMinutes', v)}
                  error={err('debounceMinutes')}
                />
              </>
            )}
            {form.actionType === 'WEBHOOK' &&
              (webhooks.data && webhooks.data.items.length === 0 && !form.webhookId ? (
                <Alert color="yellow" variant="light">
                  {t('rule.noWebhooks')}
                </Alert>
              ) : (
                <NativeSelect
                  label={t('rule.webhook')}
                  required
                  value={form.webhookId}
                  onChange={(e) => set('webhookId', e.currentTarget.value)}
                  data={[
                    { value: '', label: t('rule.webhookPick') },
                    ...(webhooks.data?.items ?? []).map((w) => ({ value: w.id, label: w.url })),
                  ]}
                  error={err('webhookId')}
                />
              ))}
            {form.actionType === 'NOTE' && (
              <Textarea
                label={t('rule.text')}
                required
                maxLength={2000}

                minRows={2}
                value={form.text}
                onChange={(e) => set('text', e.currentTarget.value)}
                error={err('text')}
              />
            )}
          </Stack>
        </Fieldset>
        <Switch label={t('rule.enabled')} checked={form.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => props.onDone(false)}>
            {t('rule.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('rule.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
