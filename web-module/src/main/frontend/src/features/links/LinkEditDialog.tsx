import { Alert, Button, Group, Modal, NumberInput, PasswordInput, Radio, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { editOf, endsSessions, toPatch, validateEdit, type LinkEdit } from './linkEdit';

type ShareLink = Schemas['ShareLink'];

/**
 * The link list's editor: name, expiry, view limit, downloads, watermark and password of an existing link, sent as a
 * PATCH of only what changed (the contract's PATCH /share-links/{id}). The target and the email rules stay as
 * created; a password change is announced as ending every visitor session.
 */
export function LinkEditDialog({ link, onClose, onSaved }: {
  link: ShareLink;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation(['links', 'common']);
  const queryClient = useQueryClient();
  const [edit, setEdit] = useState<LinkEdit>(() => editOf(link));
  const [tried, setTried] = useState(false);
  const set = (change: Partial<LinkEdit>) => setEdit((e) => ({ ...e, ...change }));
  const errors = validateEdit(edit, link);
  const err = (key: keyof typeof errors) => (tried && errors[key] ? t(`links:${errors[key]}`) : undefined);
  const patch = toPatch(link, edit);
  const unchanged = Object.keys(patch).length === 0;
  const name = link.name || t(`links:targetType.${link.target.type}`);

  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH('/api/v1/share-links/{id}', { params: { path: { id: link.id } }, body: patch })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['share-links'] });
      onSaved(saved.name || name);
    },
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(errors).length === 0 && !unchanged) save.mutate();
  }

  // lockScroll off: Mantine's scroll lock injects a <style> element, which the CSP refuses.
  return (
    <Modal opened onClose={onClose} title={t('links:edit.title', { name })} size="lg" lockScroll={false}
      closeButtonProps={{ 'aria-label': t('links:dialog.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('links:dialog.name')} description={t('links:dialog.nameHint')} value={edit.name}
            onChange={(e) => set({ name: e.currentTarget.value })} maxLength={200} />
          <TextInput type="datetime-local" label={t('links:dialog.expiresAt')} description={t('links:dialog.expiresHint')}
            value={edit.expiresAt} onChange={(e) => set({ expiresAt: e.currentTarget.value })} error={err('expiresAt')} />
          <NumberInput label={t('links:dialog.maxViews')} description={t('links:dialog.maxViewsHint')} min={1}
            allowDecimal={false} allowNegative={false} value={edit.maxViews}
            onChange={(v) => set({ maxViews: typeof v === 'number' ? v : '' })} error={err('maxViews')} />
          <Switch label={t('links:dialog.allowDownload')} checked={edit.allowDownload}
            onChange={(e) => set({ allowDownload: e.currentTarget.checked })} />
          <Switch label={t('links:edit.watermark')} checked={edit.watermark}
            onChange={(e) => set({ watermark: e.currentTarget.checked })} />
          <Radio.Group label={t('links:edit.password')} value={edit.passwordMode}
            onChange={(v) => set({ passwordMode: v as LinkEdit['passwordMode'] })}>
            <Stack gap={4} mt={4}>
              <Radio value="keep" label={t('links:edit.keep')} />
              <Radio value="new" label={t('links:edit.new')} />
              {link.hasPassword && <Radio value="remove" label={t('links:edit.remove')} />}
            </Stack>
          </Radio.Group>
          {edit.passwordMode === 'new' && (
            <PasswordInput label={t('links:edit.newPassword')} value={edit.password} autoComplete="new-password"
              maxLength={256} onChange={(e) => set({ password: e.currentTarget.value })} error={err('password')} />
          )}
          {endsSessions(patch) && <Alert color="yellow" variant="light">{t('links:edit.endsSessions')}</Alert>}
          {tried && unchanged && <Text size="sm" role="status">{t('links:edit.noChange')}</Text>}
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('links:edit.cancel')}</Button>
            <Button type="submit" loading={save.isPending}>{t('links:edit.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
