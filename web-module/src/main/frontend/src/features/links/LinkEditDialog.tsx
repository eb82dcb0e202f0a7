import { Alert, Button, Group, Modal, NumberInput, PasswordInput, Radio, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { AccessRequestsPanel, takesRequests } from './AccessRequestsPanel';
import { afterApproval, editOf, endsSessions, toPatch, validateEdit, type LinkEdit } from './linkEdit';
import type { LinkForm } from './linkForm';
import { EmailSwitches, LinkSections, type LinkTargetRef } from './ShareLinkDialog';

type ShareLink = Schemas['ShareLink'];
type TreeNode = Schemas['TreeNode'];

function contains(node: TreeNode, id: string): boolean {
  return node.id === id || (node.children ?? []).some((child) => contains(child, id));
}

/**
 * The room a link's target is in, for the per-item overrides: a room link's own id; for a folder link the room whose
 * tree holds the folder (the caller's rooms, first page), as the contract's folder answer names no room.
 */
function useRoomOf(target: ShareLink['target']): string | undefined {
  const search = useQuery({
    queryKey: ['share-links', 'room-of', target.id],
    enabled: target.type === 'FOLDER',
    queryFn: async () => {
      const rooms = await unwrap(api.GET('/api/v1/datarooms', {}));
      for (const room of rooms.items) {
        const tree = await unwrap(api.GET('/api/v1/datarooms/{id}/tree', { params: { path: { id: room.id } } }));
        if (contains(tree, target.id)) return room.id;
      }
      return null;
    },
  });
  if (target.type === 'DATAROOM') return target.id;
  return search.data ?? undefined;
}

/**
 * The editor of an existing link: every setting of the create dialog but the target (name, expiry, view limit,
 * downloads, email rules and lists, watermark with its live preview, NDA, per-item overrides, and the password kept,
 * replaced or removed), sent as a PATCH of only what changed (WEB-7). A change of the password, the email rules or the
 * NDA is announced as ending every visitor session, as the server does.
 */
export function LinkEditDialog({ link: opened, onClose, onSaved }: {
  link: ShareLink;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation(['links', 'common']);
  const queryClient = useQueryClient();
  // The link as the server has it: the one opened, or the one read again after an access request was approved.
  const [link, setLink] = useState<ShareLink>(opened);
  const [edit, setEdit] = useState<LinkEdit>(() => editOf(opened));
  const approved = (fresh: ShareLink) => {
    setEdit((e) => afterApproval(e, link, fresh));
    setLink(fresh);
  };
  const [tried, setTried] = useState(false);
  const set = (change: Partial<LinkEdit>) => setEdit((e) => ({ ...e, ...change }));
  const setForm = (change: Partial<LinkForm>) => set(change);
  const errors = validateEdit(edit, link);
  const err = (key: keyof typeof errors) => (tried && errors[key] ? t(`links:${errors[key]}`) : undefined);
  const patch = toPatch(link, edit);
  const unchanged = Object.keys(patch).length === 0;
  const name = link.name || t(`links:targetType.${link.target.type}`);
  const roomId = useRoomOf(link.target);
  const target: LinkTargetRef = { type: link.target.type, id: link.target.id, roomId, name };

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
      {takesRequests(link) && <AccessRequestsPanel link={link} onApproved={approved} />}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('links:dialog.name')} description={t('links:dialog.nameHint')} value={edit.name}
            onChange={(e) => set({ name: e.currentTarget.value })} maxLength={200} error={err('name')} />
          <Radio.Group label={t('links:edit.password')} value={edit.passwordMode}
            onChange={(v) => set({ passwordMode: v as LinkEdit['passwordMode'] })}>
            <Stack gap={4} mt={4}>
              <Radio value="keep" label={t(link.hasPassword ? 'links:edit.keep' : 'links:edit.keepNone')} />
              <Radio value="new" label={t('links:edit.new')} />
              {link.hasPassword && <Radio value="remove" label={t('links:edit.remove')} />}
            </Stack>
          </Radio.Group>
          {edit.passwordMode === 'new' && (
            <PasswordInput label={t('links:edit.newPassword')} value={edit.password} autoComplete="new-password"
              maxLength={256} onChange={(e) => set({ password: e.currentTarget.value })} error={err('password')} />
          )}
          <TextInput type="datetime-local" label={t('links:dialog.expiresAt')} description={t('links:dialog.expiresHint')}
            value={edit.expiresAt} onChange={(e) => set({ expiresAt: e.currentTarget.value })} error={err('expiresAt')} />
          <EmailSwitches form={edit} set={setForm} />
          <Switch label={t('links:dialog.allowDownload')} checked={edit.allowDownload}
            onChange={(e) => set({ allowDownload: e.currentTarget.checked })} />
          <Switch label={t('links:dialog.allowSearch')} description={t('links:dialog.allowSearchHint')}
            checked={edit.allowSearch} onChange={(e) => set({ allowSearch: e.currentTarget.checked })} />
          <Switch label={t('links:dialog.allowQuestions')} description={t('links:dialog.allowQuestionsHint')}
            checked={edit.allowQuestions} onChange={(e) => set({ allowQuestions: e.currentTarget.checked })} />
          <NumberInput label={t('links:dialog.maxViews')} description={t('links:dialog.maxViewsHint')} min={1}
            allowDecimal={false} allowNegative={false} value={edit.maxViews}
            onChange={(v) => set({ maxViews: typeof v === 'number' ? v : '' })} error={err('maxViews')} />
          <LinkSections form={edit} set={setForm} err={err} target={target} />
          {endsSessions(patch) && (
            <Alert color="yellow" variant="light" data-testid="ends-sessions">{t('links:edit.endsSessions')}</Alert>
          )}
          {tried && unchanged && <Text size="sm" role="status">{t('links:edit.noChange')}</Text>}
          {tried && Object.keys(errors).length > 0 && (
            <Alert color="red" role="alert" variant="light">{t('links:dialog.errors.summary')}</Alert>
          )}
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
