import { Button, Group, Modal, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { folders, moveTargets, type TreeNode } from './tree';

const TOP = '';

/** "Move to…": the keyboard way of the tree's drag and drop; offers only places the server would accept. */
export function MoveDialog(props: {
  root: TreeNode;
  node: TreeNode | null;
  onMove: (node: TreeNode, folderId: string | null) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation('rooms');
  const [target, setTarget] = useState<string>(TOP);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [forNode, setForNode] = useState<TreeNode | null>(null);
  const targets = props.node ? moveTargets(props.root, props.node.id) : [];
  if (forNode !== props.node) {
    setForNode(props.node);
    setError(null);
    const first = targets[0];
    setTarget(first === undefined || first === null ? TOP : first);
  }
  const labels = new Map(folders(props.root).map((f) => [f.node.id, `${f.node.index} ${f.path}`]));
  const data = targets.map((id) => ({ value: id ?? TOP, label: id === null ? t('move.top') : (labels.get(id) ?? id) }));

  async function submit() {
    if (!props.node) return;
    setBusy(true);
    setError(null);
    try {
      await props.onMove(props.node, target === TOP ? null : target);
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      lockScroll={false}
      opened={props.node !== null}
      onClose={props.onClose}
      title={t('move.title', { name: props.node?.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      <Stack>
        {data.length === 0 ? (
          <p>{t('move.nowhere')}</p>
        ) : (
          <NativeSelect label={t('move.target')} data={data} value={target} onChange={(e) => setTarget(e.currentTarget.value)} />
        )}
        <ProblemAlert error={error} overrides={{ conflict: 'rooms:move.conflict', forbidden: 'rooms:move.forbidden' }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('dialog.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={data.length === 0}>
            {t('move.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
