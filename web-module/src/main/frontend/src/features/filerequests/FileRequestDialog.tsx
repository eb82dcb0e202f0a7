import {
  Alert, Button, CopyButton, Group, Modal, NumberInput, PasswordInput, Stack, Switch, Text, TextInput, Textarea,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { createFileRequest, fileRequestKeys } from './api';
import { badTypes, emptyRequestForm, toCreateRequest, validateRequest, type RequestForm } from './requestForm';
import classes from './filerequests.module.css';

/**
 * "Request files": a file request into the chosen folder (or the room's top) with its limits, then its address to
 * copy. `path` names the folder for the title ('' for the room's top).
 */
export function FileRequestDialog({ opened, onClose, roomId, folderId, path, roomName }: {
  opened: boolean;
  onClose: () => void;
  roomId: string;
  folderId: string | null;
  path: string;
  roomName: string;
}) {
  const { t } = useTranslation(['filerequests', 'common']);
  const narrow = useMediaQuery('(max-width: 40em)');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<RequestForm>(emptyRequestForm);
  const [tried, setTried] = useState(false);
  const set = (change: Partial<RequestForm>) => setForm((f) => ({ ...f, ...change }));
  const errors = validateRequest(form);
  const err = (key: keyof typeof errors) =>
    tried && errors[key] ? t(errors[key], { items: badTypes(form.allowedTypes).join(', ') }) : undefined;

  const create = useMutation({
    mutationFn: () => createFileRequest(roomId, toCreateRequest(form, folderId)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fileRequestKeys.room(roomId) }),
  });

  function close() {
    setForm(emptyRequestForm);
    setTried(false);
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(errors).length === 0) create.mutate();
  }

  const where = path || roomName;
  const created = create.data;
  // lockScroll off: Mantine's scroll lock injects a <style> element, which the CSP refuses.
  return (
    <Modal opened={opened} onClose={close} title={t('dialog.titleFor', { path: where })} size="lg" fullScreen={!!narrow}
      closeButtonProps={{ 'aria-label': t('dialog.close') }} lockScroll={false}>
      {created ? (
        <Stack data-testid="fr-created">
          <Alert color="green" variant="light">{t('dialog.created')}</Alert>
          <Text size="sm" fw={600} id="fr-url-label">{t('dialog.url')}</Text>
          <div className={classes.urlBox} aria-labelledby="fr-url-label" data-testid="fr-url">{created.url}</div>
          <Group>
            <CopyButton value={created.url ?? ''}>
              {({ copied, copy }) => (
                <Button onClick={copy} color={copied ? 'teal' : 'blue'} aria-live="polite">
                  {copied ? t('dialog.copied') : t('dialog.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close}>{t('dialog.done')}</Button>
          </Group>
          <Text size="xs" c="dimmed">{t('dialog.onlyOnce')}</Text>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput label={t('dialog.name')} description={t('dialog.nameHint')} value={form.name} required
              maxLength={200} onChange={(e) => set({ name: e.currentTarget.value })} error={err('name')} data-autofocus />
            <TextInput label={t('dialog.folder')} value={where} readOnly />
            <TextInput type="datetime-local" label={t('dialog.expiresAt')} description={t('dialog.expiresHint')}
              value={form.expiresAt} onChange={(e) => set({ expiresAt: e.currentTarget.value })} error={err('expiresAt')} />
            <NumberInput label={t('dialog.maxSize')} description={t('dialog.maxSizeHint')} min={0} decimalScale={3}
              allowNegative={false} value={form.maxSizeMb}
              onChange={(v) => set({ maxSizeMb: typeof v === 'number' ? v : '' })} error={err('maxSizeMb')} />
            <Textarea label={t('dialog.types')} description={t('dialog.typesHint')} autosize minRows={1} maxRows={4}
              placeholder="application/pdf, image/*, .docx" value={form.allowedTypes}
              onChange={(e) => set({ allowedTypes: e.currentTarget.value })} error={err('allowedTypes')} />
            <NumberInput label={t('dialog.maxFiles')} description={t('dialog.maxFilesHint')} min={1}
              allowDecimal={false} allowNegative={false} value={form.maxFiles}
              onChange={(v) => set({ maxFiles: typeof v === 'number' ? v : '' })} error={err('maxFiles')} />
            <Switch label={t('dialog.requireEmail')} checked={form.requireEmail}
              onChange={(e) => set({ requireEmail: e.currentTarget.checked })} />
            <PasswordInput label={t('dialog.password')} description={t('dialog.passwordHint')} value={form.password}
              autoComplete="new-password" maxLength={256} onChange={(e) => set({ password: e.currentTarget.value })} />
            {tried && Object.keys(errors).length > 0 && (
              <Alert color="red" role="alert" variant="light">{t('dialog.summary')}</Alert>
            )}
            <ProblemAlert error={create.error} overrides={{ forbidden: 'filerequests:dialog.forbidden' }} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('dialog.cancel')}</Button>
              <Button type="submit" loading={create.isPending}>{t('dialog.create')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
