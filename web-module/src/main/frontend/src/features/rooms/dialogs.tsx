import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemOverrides } from '../../api/problem';
import { ProblemAlert } from '../../app/ui/ProblemAlert';

// Every Modal of this area has lockScroll={false}: Mantine's scroll lock (react-remove-scroll) injects a <style>
// element, which the CSP (style-src 'self') refuses.

/** A name (and optionally a description) asked in a dialog: create or rename a room or folder. */
export function NameDialog(props: {
  opened: boolean;
  title: string;
  label: string;
  submitLabel: string;
  initial?: string;
  description?: { label: string; initial?: string | null };
  overrides?: ProblemOverrides;
  onSubmit: (name: string, description?: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation('rooms');
  const [name, setName] = useState(props.initial ?? '');
  const [description, setDescription] = useState(props.description?.initial ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [wasOpened, setWasOpened] = useState(props.opened);
  if (wasOpened !== props.opened) {
    setWasOpened(props.opened);
    if (props.opened) {
      setName(props.initial ?? '');
      setDescription(props.description?.initial ?? '');
      setError(null);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(name.trim(), props.description ? description.trim() : undefined);
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal lockScroll={false} opened={props.opened} onClose={props.onClose} title={props.title} closeButtonProps={{ 'aria-label': t('dialog.close') }}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <TextInput label={props.label} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={255} data-autofocus />
          {props.description && (
            <Textarea
              label={props.description.label}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              maxLength={2000}
              rows={3}
            />
          )}
          <ProblemAlert error={error} {...(props.overrides ? { overrides: props.overrides } : {})} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('dialog.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A yes/no question before something that cannot be undone (archive a room, delete a folder). */
export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  overrides?: ProblemOverrides;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation('rooms');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [wasOpened, setWasOpened] = useState(props.opened);
  if (wasOpened !== props.opened) {
    setWasOpened(props.opened);
    if (props.opened) setError(null);
  }
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal lockScroll={false} opened={props.opened} onClose={props.onClose} title={props.title} closeButtonProps={{ 'aria-label': t('dialog.close') }}>
      <Stack>
        <Text>{props.body}</Text>
        <ProblemAlert error={error} {...(props.overrides ? { overrides: props.overrides } : {})} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('dialog.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
