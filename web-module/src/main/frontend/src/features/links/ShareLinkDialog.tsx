import {
  Accordion, Alert, Button, Checkbox, CopyButton, Group, Modal, NativeSelect, NumberInput, PasswordInput, Stack, Switch,
  Text, TextInput, Textarea,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import {
  emptyForm, hasEmailRules, toRequest, validate, type Download, type FieldErrors, type LinkForm, type TargetType,
} from './linkForm';
import classes from './links.module.css';
import { WatermarkPreview } from './WatermarkPreview';

export interface LinkTargetRef {
  type: TargetType;
  id: string;
  /** The room the target is in (for DATAROOM its own id): needed for the per-item overrides of room and folder links. */
  roomId?: string;
  /** Shown in the dialog's title. */
  name?: string;
}

type TreeNode = Schemas['TreeNode'];

function find(node: TreeNode, id: string): TreeNode | undefined {
  if (node.id === id) return node;
  for (const child of node.children ?? []) {
    const hit = find(child, id);
    if (hit) return hit;
  }
  return undefined;
}

function flatten(nodes: TreeNode[], depth = 0): { node: TreeNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children ?? [], depth + 1)]);
}

/** Per-item overrides (hide, download) for the items under a room or folder link's target. */
function Overrides({ target, form, set }: { target: LinkTargetRef; form: Pick<LinkForm, 'overrides'>; set: (f: Partial<LinkForm>) => void }) {
  const { t } = useTranslation('links');
  const tree = useQuery({
    queryKey: ['rooms', target.roomId, 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/datarooms/{id}/tree', { params: { path: { id: target.roomId! } } })),
    enabled: !!target.roomId,
  });
  if (!target.roomId) return <Text size="sm">{t('dialog.overrides.unavailable')}</Text>;
  if (tree.isPending) return <Loading />;
  if (tree.error) return <ProblemAlert error={tree.error} />;
  const top = target.type === 'DATAROOM' ? tree.data : find(tree.data, target.id);
  const items = flatten(top?.children ?? []);
  if (items.length === 0) return <Text size="sm">{t('dialog.overrides.empty')}</Text>;
  const update = (id: string, change: Partial<{ hidden: boolean; download: Download }>) =>
    set({ overrides: { ...form.overrides, [id]: { hidden: false, download: 'inherit', ...form.overrides[id], ...change } } });
  return (
    <ul className={classes.overrides} aria-label={t('dialog.overrides.label')}>
      {items.map(({ node, depth }) => {
        const o = form.overrides[node.id] ?? { hidden: false, download: 'inherit' as Download };
        const label = `${node.index} ${node.name}`;
        return (
          <li key={node.id}>
            <span className={classes.overrideName} style={{ paddingLeft: `${depth}rem` }}>
              {label}
            </span>
            <Checkbox
              label={t('dialog.overrides.hidden')}
              aria-label={t('dialog.overrides.hiddenFor', { name: label })}
              checked={o.hidden}
              onChange={(e) => update(node.id, { hidden: e.currentTarget.checked })}
            />
            <NativeSelect
              aria-label={t('dialog.overrides.downloadFor', { name: label })}
              size="xs"
              value={o.download}
              disabled={o.hidden}
              onChange={(e) => update(node.id, { download: e.currentTarget.value as Download })}
              data={[
                { value: 'inherit', label: t('dialog.overrides.inherit') },
                { value: 'allow', label: t('dialog.overrides.allow') },
                { value: 'deny', label: t('dialog.overrides.deny') },
              ]}
            />
          </li>
        );
      })}
    </ul>
  );
}

type FieldError = (key: keyof FieldErrors) => string | undefined;

/** Whether the visitor gives an email: forced on by the email code or an allow/deny list. */
export function EmailSwitches({ form, set }: { form: LinkForm; set: (f: Partial<LinkForm>) => void }) {
  const { t } = useTranslation('links');
  const emailForced = form.verifyEmail || hasEmailRules(form);
  return (
    <>
      <Switch label={t('links:dialog.requireEmail')} checked={form.requireEmail || emailForced}
        disabled={emailForced} description={emailForced ? t('links:dialog.requireEmailForced') : undefined}
        onChange={(e) => set({ requireEmail: e.currentTarget.checked })} />
      <Switch label={t('links:dialog.verifyEmail')} description={t('links:dialog.verifyEmailHint')}
        checked={form.verifyEmail} onChange={(e) => set({ verifyEmail: e.currentTarget.checked })} />
    </>
  );
}

/**
 * The dialog's sections, shared by creating and editing a link: watermark with its live preview, allow/deny lists,
 * NDA, and per-item overrides (room and folder links).
 */
export function LinkSections({ form, set, err, target }: {
  form: LinkForm;
  set: (f: Partial<LinkForm>) => void;
  err: FieldError;
  target: LinkTargetRef;
}) {
  const { t } = useTranslation('links');
  return (
    <Accordion variant="separated" multiple defaultValue={[]}>
      <Accordion.Item value="watermark">
        <Accordion.Control>{t('links:dialog.watermark.section')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Switch label={t('links:dialog.watermark.enabled')} checked={form.watermark}
              onChange={(e) => set({ watermark: e.currentTarget.checked })} />
            {form.watermark && (
              <>
                <TextInput label={t('links:dialog.watermark.text')} description={t('links:dialog.watermark.hint')}
                  placeholder="{email} | {date} {time} UTC | {ip} | {link}" value={form.watermarkText}
                  onChange={(e) => set({ watermarkText: e.currentTarget.value })} maxLength={300}
                  error={err('watermarkText')} />
                <WatermarkPreview template={form.watermarkText} linkName={form.name} />
              </>
            )}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
      <Accordion.Item value="access">
        <Accordion.Control>{t('links:dialog.lists.section')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Text size="sm">{t('links:dialog.lists.hint')}</Text>
            <Textarea label={t('links:dialog.lists.allowEmails')} autosize minRows={2} value={form.allowEmails}
              onChange={(e) => set({ allowEmails: e.currentTarget.value })} error={err('allowEmails')} />
            <Textarea label={t('links:dialog.lists.allowDomains')} autosize minRows={2} value={form.allowDomains}
              placeholder="example.com" onChange={(e) => set({ allowDomains: e.currentTarget.value })}
              error={err('allowDomains')} />
            <Textarea label={t('links:dialog.lists.denyEmails')} autosize minRows={2} value={form.denyEmails}
              onChange={(e) => set({ denyEmails: e.currentTarget.value })} error={err('denyEmails')} />
            <Textarea label={t('links:dialog.lists.denyDomains')} autosize minRows={2} value={form.denyDomains}
              onChange={(e) => set({ denyDomains: e.currentTarget.value })} error={err('denyDomains')} />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
      <Accordion.Item value="nda">
        <Accordion.Control>{t('links:dialog.nda.section')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Switch label={t('links:dialog.nda.enabled')} checked={form.nda}
              onChange={(e) => set({ nda: e.currentTarget.checked })} />
            {form.nda && (
              <Textarea label={t('links:dialog.nda.text')} autosize minRows={4} maxRows={12}
                value={form.ndaText} onChange={(e) => set({ ndaText: e.currentTarget.value })}
                maxLength={100000} error={err('ndaText')} />
            )}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
      {target.type !== 'DOCUMENT' && (
        <Accordion.Item value="overrides">
          <Accordion.Control>{t('links:dialog.overrides.section')}</Accordion.Control>
          <Accordion.Panel>
            <Text size="sm" mb="xs">{t('links:dialog.overrides.hint')}</Text>
            <Overrides target={target} form={form} set={set} />
          </Accordion.Panel>
        </Accordion.Item>
      )}
    </Accordion>
  );
}

/**
 * The share-link dialog: every setting of `POST /share-links` (password, expiry, email, code, allow/deny lists,
 * download, watermark with a live preview, view limit, NDA, per-item overrides), then the new link's address with a
 * copy button. The address is shown only here: the server answers the token once.
 */
export function ShareLinkDialog({ opened, onClose, target, onCreated }: {
  opened: boolean;
  onClose: () => void;
  target: LinkTargetRef;
  onCreated?: (link: Schemas['ShareLink']) => void;
}) {
  const { t } = useTranslation(['links', 'common']);
  const narrow = useMediaQuery('(max-width: 40em)');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<LinkForm>(emptyForm);
  const [tried, setTried] = useState(false);
  const set = (change: Partial<LinkForm>) => setForm((f) => ({ ...f, ...change }));
  const errors = validate(form);
  const err = (key: keyof typeof errors) => (tried && errors[key] ? t(`links:${errors[key]}`) : undefined);

  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/share-links', { body: toRequest(form, target) })),
    onSuccess: (link) => onCreated?.(link),
  });

  function close() {
    // The lists behind the dialog are refreshed once it is closed.
    if (create.data) void queryClient.invalidateQueries({ queryKey: ['share-links'] });
    setForm(emptyForm);
    setTried(false);
    create.reset();
    onClose();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(errors).length === 0) create.mutate();
  }

  const title = target.name ? t('links:dialog.titleFor', { name: target.name }) : t('links:dialog.title');
  const created = create.data;

  // lockScroll off: Mantine's scroll lock (react-remove-scroll) injects a <style> element, which the CSP refuses.
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" fullScreen={!!narrow}
      closeButtonProps={{ 'aria-label': t('links:dialog.close') }} lockScroll={false}>
      {created ? (
        <Stack data-testid="link-created">
          <Alert color="green" variant="light">{t('links:dialog.created')}</Alert>
          <Text size="sm" fw={600} id="new-link-url-label">{t('links:dialog.url')}</Text>
          <div className={classes.urlBox} aria-labelledby="new-link-url-label" data-testid="link-url">{created.url}</div>
          <Group>
            <CopyButton value={created.url ?? ''}>
              {({ copied, copy }) => (
                <Button onClick={copy} color={copied ? 'teal' : 'blue'} aria-live="polite">
                  {copied ? t('links:dialog.copied') : t('links:dialog.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close}>{t('links:dialog.done')}</Button>
          </Group>
          <Text size="xs" c="dimmed">{t('links:dialog.onlyOnce')}</Text>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput label={t('links:dialog.name')} description={t('links:dialog.nameHint')} value={form.name}
              onChange={(e) => set({ name: e.currentTarget.value })} maxLength={200} error={err('name')} />
            <PasswordInput label={t('links:dialog.password')} description={t('links:dialog.passwordHint')}
              value={form.password} onChange={(e) => set({ password: e.currentTarget.value })} autoComplete="new-password"
              maxLength={256} error={err('password')} />
            <TextInput type="datetime-local" label={t('links:dialog.expiresAt')} description={t('links:dialog.expiresHint')}
              value={form.expiresAt} onChange={(e) => set({ expiresAt: e.currentTarget.value })} error={err('expiresAt')} />
            <EmailSwitches form={form} set={set} />
            <Switch label={t('links:dialog.allowDownload')} checked={form.allowDownload}
              onChange={(e) => set({ allowDownload: e.currentTarget.checked })} />
            <Switch label={t('links:dialog.allowSearch')} description={t('links:dialog.allowSearchHint')}
              checked={form.allowSearch} onChange={(e) => set({ allowSearch: e.currentTarget.checked })} />
            <Switch label={t('links:dialog.allowQuestions')} description={t('links:dialog.allowQuestionsHint')}
              checked={form.allowQuestions} onChange={(e) => set({ allowQuestions: e.currentTarget.checked })} />
            <NumberInput label={t('links:dialog.maxViews')} description={t('links:dialog.maxViewsHint')} min={1}
              allowDecimal={false} allowNegative={false} value={form.maxViews}
              onChange={(v) => set({ maxViews: typeof v === 'number' ? v : '' })} error={err('maxViews')} />

            <LinkSections form={form} set={set} err={err} target={target} />

            {tried && Object.keys(errors).length > 0 && (
              <Alert color="red" role="alert" variant="light">{t('links:dialog.errors.summary')}</Alert>
            )}
            <ProblemAlert error={create.error} overrides={{ forbidden: 'links:dialog.errors.forbidden' }} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('links:dialog.cancel')}</Button>
              <Button type="submit" loading={create.isPending}>{t('links:dialog.create')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
