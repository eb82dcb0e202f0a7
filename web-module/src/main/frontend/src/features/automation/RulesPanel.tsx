import { Alert, Badge, Button, Group, Modal, Stack, Switch, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { useLinks, useRooms } from '../activity/names';
import { InlineConfirm } from './confirm';
import { useDeleteRule, useRules, useSaveRule, useWebhooks } from './queries';
import { RuleEditor } from './RuleEditor';
import type { Rule } from './ruleForm';
import { ruleAction, ruleConditions, ruleTrigger, type RuleNames } from './summary';
import classes from './automation.module.css';

/** The rules: list (built-in ones included), enable/disable, create and edit in a dialog, delete after a confirm. */
export function RulesPanel() {
  const { t } = useTranslation(['automation', 'common']);
  const rules = useRules();
  const rooms = useRooms();
  const links = useLinks();
  const webhooks = useWebhooks();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = useMemo(() => rules.data?.pages.flatMap((p) => p.items) ?? [], [rules.data]);

  const names: RuleNames = useMemo(() => {
    const r = new Map((rooms.data?.items ?? []).map((x) => [x.id, x.name]));
    const l = new Map((links.data?.items ?? []).map((x) => [x.id, x.name ?? null]));
    const w = new Map((webhooks.data?.items ?? []).map((x) => [x.id, x.url]));
    return { room: (id) => r.get(id), link: (id) => l.get(id), webhook: (id) => w.get(id) };
  }, [rooms.data, links.data, webhooks.data]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('rules.label')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('rules.new')}</Button>
      </Group>
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('webhooks.close')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {rules.isPending ? (
        <Loading />
      ) : rules.isError && !rules.data ? (
        <ProblemAlert error={rules.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('rules.empty')}</Text>
      ) : (
        <ul className={classes.list} aria-label={t('rules.label')}>
          {items.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              names={names}
              onEdit={() => setEditing(rule)}
              onDeleted={() => setNotice(t('rules.deleted'))}
            />
          ))}
        </ul>
      )}
      {rules.hasNextPage && (
        <Button variant="default" onClick={() => void rules.fetchNextPage()} loading={rules.isFetchingNextPage}>
          {t('rules.loadMore')}
        </Button>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' || editing === null ? t('rule.createTitle') : t('rule.editTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('webhooks.close') }}
      >
        {editing !== null && (
          <RuleEditor
            {...(editing === 'new' ? {} : { rule: editing })}
            onDone={(saved) => {
              setEditing(null);
              if (saved) setNotice(t('rules.saved'));
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function RuleRow(props: { rule: Rule; names: RuleNames; onEdit: () => void; onDeleted: () => void }) {
  const { rule, names } = props;
  const { t } = useTranslation(['automation', 'common']);
  const toggle = useSaveRule();
  const remove = useDeleteRule();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={classes.card} data-testid="rule">
      <div className={classes.row}>
        <div className={classes.grow}>
          <Group gap="xs">
            <Text fw={600}>{rule.name}</Text>
            {rule.builtIn && <Badge variant="light">{t('rules.builtIn')}</Badge>}
          </Group>
          <Text size="sm">{t('rules.when', { trigger: ruleTrigger(rule, t) })}</Text>
          <Text size="sm">{ruleConditions(rule, names, t)}</Text>
          <Text size="sm">{t('rules.then', { action: ruleAction(rule, names, t) })}</Text>
        </div>
        <Group gap="sm">
          <Switch
            label={t('rules.enabled')}
            aria-label={t('rules.enabledOf', { name: rule.name })}
            checked={rule.enabled}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate({ id: rule.id, body: { enabled: e.currentTarget.checked } })}
          />
          {!rule.builtIn && (
            <>
              <Button size="xs" variant="default" onClick={props.onEdit} aria-label={t('rules.editOf', { name: rule.name })}>
                {t('rules.edit')}
              </Button>
              <Button
                size="xs"
                variant="default"
                color="red"
                onClick={() => setConfirming(true)}
                aria-label={t('rules.deleteOf', { name: rule.name })}
              >
                {t('rules.delete')}
              </Button>
            </>
          )}
        </Group>
      </div>
      {confirming && (
        <InlineConfirm
          question={t('rules.confirmDelete', { name: rule.name })}
          busy={remove.isPending}
          onNo={() => setConfirming(false)}
          onYes={() =>
            remove.mutate(rule.id, {
              onSuccess: () => {
                setConfirming(false);
                props.onDeleted();
              },
            })
          }
        />
      )}
      <ProblemAlert error={toggle.error ?? remove.error} />
    </li>
  );
}
