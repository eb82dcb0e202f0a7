import { ActionIcon, Alert, Button, Group, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import type { BeaconBatcher } from './beacons';
import classes from './visitor.module.css';

/** Pages fetched ahead of the one shown. */
const AHEAD = 2;
const ZOOMS = [50, 75, 100, 125, 150, 200, 300];

type PageState = { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'missing' } | { kind: 'failed' };

/**
 * The server's watermarked page images. An <img src> cannot send the X-Visitor-Token header, so each page is fetched
 * by the client as a blob and shown through an object URL (the CSP allows blob: images); the next pages are fetched
 * ahead. The document's page count is not told to visitors: the end is where a page answers 404.
 */
export function DocumentViewer({ token, visitorToken, document: doc, batcher, onSessionEnded, actions, initialPage = 1 }: {
  token: string;
  visitorToken: string;
  document: Schemas['LinkTreeNode'];
  batcher: BeaconBatcher;
  onSessionEnded: () => void;
  actions?: ReactNode;
  /** The page to open at (a search hit's page); past the end, the viewer steps back to the last page. */
  initialPage?: number;
}) {
  const { t } = useTranslation(['visitor', 'common']);
  const [page, setPage] = useState(Math.max(1, initialPage));
  const [pages, setPages] = useState<Record<number, PageState>>({});
  const [lastPage, setLastPage] = useState<number | null>(null);
  const [zoom, setZoom] = useState(100);
  const requested = useRef(new Set<number>());
  const urls = useRef<string[]>([]);
  const touch = useRef<{ x: number; y: number } | null>(null);
  const endedRef = useRef(onSessionEnded);
  endedRef.current = onSessionEnded;

  const load = useCallback(async (n: number) => {
    if (requested.current.has(n)) return;
    requested.current.add(n);
    setPages((p) => ({ ...p, [n]: { kind: 'loading' } }));
    try {
      const { data, response } = await api.GET('/api/v1/public/links/{token}/documents/{docId}/pages/{n}', {
        params: { path: { token, docId: doc.id, n: String(n) }, header: { 'X-Visitor-Token': visitorToken } },
        parseAs: 'blob',
      });
      if (response.status === 401) {
        endedRef.current();
        return;
      }
      if (response.ok && data) {
        const url = URL.createObjectURL(data as unknown as Blob);
        urls.current.push(url);
        setPages((p) => ({ ...p, [n]: { kind: 'ready', url } }));
        return;
      }
      if (response.status === 404) {
        setPages((p) => ({ ...p, [n]: { kind: 'missing' } }));
        setLastPage((last) => (last === null || n - 1 < last ? Math.max(0, n - 1) : last));
        return;
      }
      requested.current.delete(n);
      setPages((p) => ({ ...p, [n]: { kind: 'failed' } }));
    } catch {
      requested.current.delete(n);
      setPages((p) => ({ ...p, [n]: { kind: 'failed' } }));
    }
  }, [doc.id, token, visitorToken]);

  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  useEffect(() => {
    for (let n = page; n <= page + AHEAD; n++) {
      if (lastPage === null || n <= lastPage) void load(n);
    }
  }, [page, lastPage, load]);

  const current = pages[page];
  useEffect(() => {
    batcher.show(current?.kind === 'ready' ? doc.id : null, page);
  }, [batcher, current?.kind, doc.id, page]);
  useEffect(() => () => batcher.show(null), [batcher]);

  // A page past the end (the last page was deleted while reading): step back to the last one.
  useEffect(() => {
    if (lastPage !== null && lastPage > 0 && page > lastPage) setPage(lastPage);
  }, [lastPage, page]);

  const known = lastPage ?? Math.max(1, ...Object.entries(pages).filter(([, s]) => s.kind === 'ready').map(([n]) => Number(n)));
  const canNext = lastPage === null ? pages[page + 1]?.kind !== 'missing' : page < lastPage;
  const go = useCallback((n: number) => setPage(Math.max(1, lastPage === null ? n : Math.min(n, lastPage))), [lastPage]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      switch (e.key) {
        case 'ArrowRight': case 'ArrowDown': case 'PageDown':
          if (canNext) go(page + 1);
          break;
        case 'ArrowLeft': case 'ArrowUp': case 'PageUp':
          go(page - 1);
          break;
        case 'Home':
          go(1);
          break;
        case 'End':
          go(known);
          break;
        default:
          return;
      }
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canNext, go, known, page]);

  const zoomIndex = ZOOMS.indexOf(zoom);
  const pageLabel = lastPage !== null ? t('visitor:viewer.pageOf', { page, count: lastPage }) : t('visitor:viewer.page', { page });

  return (
    <section aria-label={doc.name} className={classes.viewer}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h3" className={classes.docTitle}>{doc.name}</Title>
        {actions}
      </Group>
      <Group gap="xs" wrap="wrap" className={classes.toolbar} role="toolbar" aria-label={t('visitor:viewer.toolbar')}>
        <Button size="xs" variant="default" onClick={() => go(page - 1)} disabled={page <= 1}>
          {t('visitor:viewer.previous')}
        </Button>
        <Text size="sm" aria-live="polite" data-testid="page-indicator">{pageLabel}</Text>
        <Button size="xs" variant="default" onClick={() => go(page + 1)} disabled={!canNext}>
          {t('visitor:viewer.next')}
        </Button>
        <Group gap={4} ml="auto">
          <ActionIcon variant="default" aria-label={t('visitor:viewer.zoomOut')} disabled={zoomIndex <= 0}
            onClick={() => setZoom(ZOOMS[Math.max(0, zoomIndex - 1)]!)}>−</ActionIcon>
          <Button size="xs" variant="subtle" onClick={() => setZoom(100)} aria-label={t('visitor:viewer.zoomReset', { zoom })}>
            {new Intl.NumberFormat(t('common:locale'), { style: 'percent' }).format(zoom / 100)}
          </Button>
          <ActionIcon variant="default" aria-label={t('visitor:viewer.zoomIn')} disabled={zoomIndex >= ZOOMS.length - 1}
            onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, zoomIndex + 1)]!)}>+</ActionIcon>
        </Group>
      </Group>
      <div
        className={classes.stage}
        role="region"
        tabIndex={0}
        aria-label={t('visitor:viewer.stage')}
        onTouchStart={(e) => {
          const p = e.touches[0];
          touch.current = p ? { x: p.clientX, y: p.clientY } : null;
        }}
        onTouchEnd={(e) => {
          const start = touch.current;
          const p = e.changedTouches[0];
          touch.current = null;
          if (!start || !p || zoom > 100) return;
          const dx = p.clientX - start.x;
          if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(p.clientY - start.y)) {
            if (dx < 0 && canNext) go(page + 1);
            if (dx > 0) go(page - 1);
          }
        }}
      >
        {(!current || current.kind === 'loading') && <Loading label={t('visitor:viewer.loadingPage', { page })} />}
        {current?.kind === 'ready' && (
          <img
            src={current.url}
            alt={t('visitor:viewer.pageAlt', { page, name: doc.name })}
            className={classes.pageImage}
            style={{ width: `${zoom}%` }}
            data-testid="page-image"
            draggable={false}
          />
        )}
        {current?.kind === 'missing' && <Text p="md">{t('visitor:viewer.noPages')}</Text>}
        {current?.kind === 'failed' && (
          <Alert color="red" role="alert" m="md">
            {t('visitor:viewer.pageFailed')}{' '}
            <Button size="xs" variant="default" onClick={() => void load(page)}>{t('common:retry')}</Button>
          </Alert>
        )}
      </div>
      <nav aria-label={t('visitor:viewer.strip')}>
        <ol className={classes.strip}>
          {Array.from({ length: known }, (_, i) => i + 1).map((n) => {
            const s = pages[n];
            return (
              <li key={n}>
                <button
                  type="button"
                  className={classes.thumb}
                  aria-current={n === page ? 'page' : undefined}
                  aria-label={t('visitor:viewer.goTo', { page: n })}
                  onClick={() => go(n)}
                >
                  {s?.kind === 'ready' ? <img src={s.url} alt="" /> : <span>{n}</span>}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <Text size="xs" c="dimmed">{t('visitor:viewer.keys')}</Text>
    </section>
  );
}
