import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeEvent, formatWhen, type ActivityItem, type NameLookup } from './sentence';
import classes from './activity.module.css';

/** One event: its sentence, its time (Intl, in the UI's locale) and, optionally, "only this document". */
export function ActivityEvent(props: { item: ActivityItem; names: NameLookup; onDocument?: (id: string) => void }) {
  const { item, names, onDocument } = props;
  const { t } = useTranslation(['activity', 'common']);
  return (
    <li className={classes.item} data-testid="activity-event" data-type={item.type}>
      <span className={classes.sentence}>{describeEvent(item, names, t)}</span>
      <time className={classes.when} dateTime={item.at}>
        {formatWhen(item.at, t('common:locale'))}
      </time>
      {onDocument && item.documentId && (
        <Button variant="subtle" size="compact-xs" onClick={() => onDocument(item.documentId!)}>
          {t('activity:filters.showDocument')}
        </Button>
      )}
    </li>
  );
}
