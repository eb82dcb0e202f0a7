import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from './queries';
import { Snippet } from './snippet';
import classes from './search.module.css';

/**
 * Search hits, best first: the document's name (as the caller's link or button that opens it), where it is (the room
 * when known, the folder path, the page of the match) and the snippet with the matches marked.
 */
export function HitList({ hits, open, roomName, label }: {
  hits: SearchHit[];
  /** The element that opens the hit (a link for members, a button for visitors), showing `hit.name`. */
  open: (hit: SearchHit) => ReactNode;
  roomName?: (hit: SearchHit) => string | undefined;
  label: string;
}) {
  const { t } = useTranslation('search');
  return (
    <ol className={classes.hits} aria-label={label}>
      {hits.map((hit, i) => {
        const room = roomName?.(hit);
        const where = [
          room ? t('hit.room', { room }) : null,
          hit.path ? t('hit.path', { path: hit.path }) : t('hit.top'),
          hit.page != null ? t('hit.page', { page: hit.page }) : t('hit.name'),
        ].filter(Boolean);
        return (
          <li key={`${hit.documentId}-${hit.page ?? 'name'}-${i}`} className={classes.hit} data-testid="search-hit">
            <div className={classes.hitTitle}>{open(hit)}</div>
            <Text size="xs" c="dimmed" data-testid="hit-where">
              {where.join(' · ')}
            </Text>
            <Text size="sm" className={classes.snippet}>
              <Snippet text={hit.snippet} />
            </Text>
          </li>
        );
      })}
    </ol>
  );
}
