import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** An inline "really?" for a destructive action (no window.confirm: keyboard and screen readers reach it). */
export function InlineConfirm(props: { question: string; onYes: () => void; onNo: () => void; busy?: boolean }) {
  const { t } = useTranslation('automation');
  return (
    <Group gap="xs" role="group" aria-label={props.question} mt="xs">
      <Text size="sm">{props.question}</Text>
      <Button size="xs" color="red" onClick={props.onYes} loading={props.busy ?? false}>
        {t('confirm.yes')}
      </Button>
      <Button size="xs" variant="default" onClick={props.onNo} data-autofocus>
        {t('confirm.no')}
      </Button>
    </Group>
  );
}
