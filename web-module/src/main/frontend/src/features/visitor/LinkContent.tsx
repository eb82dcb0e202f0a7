import { Alert, Button, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { postBeacons, startNativeDownload } from '../../api/native';
import { Loading } from '../../app/ui/Loading';
import { BeaconBatcher } from './beacons';
import { DocumentViewer } from './DocumentViewer';
import { QuestionsPanel } from '../questions';
import { useLinkSearchAllowed, VisitorSearch } from './VisitorSearch';
import type { SearchHit } from '../search';
import classes from './visitor.module.css';

type Node = Schemas['LinkTreeNode'];

/** How often the counted page times are sent. */
const FLUSH_MS = 5000;

function firstDocument(nodes: Node[]): Node | undefined {
  for (const n of nodes) {
    if (n.kind === 'DOCUMENT') return n;
    const inner = firstDocument(n.children ?? []);
    if (inner) return inner;
  }
  return undefined;
}

/** The page-time batcher of one visitor session: a timer flush, and a keepalive flush when the page is left. */
function useBeacons(token: string, visitorToken: string): BeaconBatcher {
  const batcher = useMemo(
    () => new BeaconBatcher({
      send: (batch, final) => postBeacons(token, visitorToken, batch, { keepalive: final }),
    }),
    [token, visitorToken],
  );
  useEffect(() => {
    const timer = setInterval(() => void batcher.flush(), FLUSH_MS);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        batcher.flushFinal();
        batcher.setVisible(false);
      } else {
        batcher.setVisible(true);
      }
    };
    const onHide = () => batcher.flushFinal();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onHide);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onHide);
      // Leaving the viewer inside the app (e.g. the session ended): send what was counted. Not stopped for good:
      // React's development mode runs effects twice.
      batcher.flushFinal();
    };
  }, [batcher]);
  return batcher;
}

function findById(nodes: Node[], id: string): Node | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = findById(n.children ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}

function TreeList({ nodes, selected, onSelect, label }: {
  nodes: Node[]; selected: string | undefined; onSelect: (n: Node) => void; label?: string;
}) {
  return (
    <ul className={classes.tree} {...(label ? { 'aria-label': label } : {})}>
      {nodes.map((n) => (
        <li key={n.id}>
          {n.kind === 'DOCUMENT' ? (
            <UnstyledButton
              className={classes.treeItem}
              onClick={() => onSelect(n)}
              aria-current={n.id === selected ? 'page' : undefined}
            >
              <span className={classes.index}>{n.index}</span> {n.name}
            </UnstyledButton>
          ) : (
            <>
              <span className={classes.folder}>
                <span className={classes.index}>{n.index}</span> {n.name}
              </span>
              <TreeList nodes={n.children ?? []} selected={selected} onSelect={onSelect} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What an open link shows: a room tree for room and folder links, and the document viewer. */
export function LinkContent({ token, intro, visitorToken, onSessionEnded }: {
  token: string; intro: Schemas['LinkIntro']; visitorToken: string; onSessionEnded: () => void;
}) {
  const { t } = useTranslation(['visitor', 'common']);
  const batcher = useBeacons(token, visitorToken);
  const tree = useQuery({
    queryKey: ['visitor', token, visitorToken, 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/public/links/{token}/tree', {
      params: { path: { token }, header: { 'X-Visitor-Token': visitorToken } },
    })),
    staleTime: Infinity,
  });
  const [selected, setSelected] = useState<Node | undefined>();
  // Where the viewer opens: a search hit's page; `seq` opens it again when the same document is chosen anew.
  const [openAt, setOpenAt] = useState<{ page: number; seq: number }>({ page: 1, seq: 0 });
  const searchAllowed = useLinkSearchAllowed(token, visitorToken);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const endedRef = useRef(onSessionEnded);
  endedRef.current = onSessionEnded;

  useEffect(() => {
    if (tree.error instanceof ApiError && tree.error.status === 401) endedRef.current();
  }, [tree.error]);

  const items = tree.data?.items ?? [];
  const current = selected ?? firstDocument(items);

  function select(node: Node) {
    if (node.id === current?.id) return;
    setSelected(node);
    setOpenAt((o) => ({ page: 1, seq: o.seq + 1 }));
  }

  function openHit(hit: SearchHit) {
    const node = findById(items, hit.documentId)
      ?? { id: hit.documentId, kind: 'DOCUMENT', name: hit.name, index: '', allowDownload: false, children: null };
    setSelected(node);
    setOpenAt((o) => ({ page: hit.page ?? 1, seq: o.seq + 1 }));
  }

  const search = (children?: ReactNode) => searchAllowed ? (
    <VisitorSearch token={token} visitorToken={visitorToken} onOpen={openHit} onSessionEnded={onSessionEnded}>
      {children}
    </VisitorSearch>
  ) : children;

  async function download(node: Node) {
    setDownloadError(null);
    const { data, response } = await api.POST('/api/v1/public/links/{token}/documents/{docId}/download-ticket', {
      params: { path: { token, docId: node.id }, header: { 'X-Visitor-Token': visitorToken } },
    });
    if (response.status === 401) return onSessionEnded();
    if (!data) return setDownloadError(t(response.status === 403 ? 'visitor:download.refused' : 'visitor:download.failed'));
    startNativeDownload(data.url);
  }

  if (tree.isPending) return <Loading />;
  if (tree.error) {
    return (
      <Alert color="red" role="alert">
        {t('visitor:treeFailed')}
      </Alert>
    );
  }
  const isRoom = intro.targetType !== 'DOCUMENT';
  return (
    <div className={isRoom ? classes.roomLayout : undefined}>
      {isRoom && (
        <nav aria-label={t('visitor:tree.label')} className={classes.treePanel}>
          <Title order={2} size="h4">{intro.name ?? t(`visitor:untitled.${intro.targetType}`)}</Title>
          {search(items.length === 0 ? (
            <Text size="sm" mt="sm">{t('visitor:tree.empty')}</Text>
          ) : (
            <TreeList nodes={items} selected={current?.id} onSelect={select} />
          ))}
        </nav>
      )}
      <Stack gap="sm" className={classes.viewerPanel}>
        {!isRoom && searchAllowed && search()}
        {downloadError && <Alert color="red" role="alert">{downloadError}</Alert>}
        {current ? (
          <DocumentViewer
            key={`${current.id}:${openAt.seq}`}
            initialPage={openAt.page}
            token={token}
            visitorToken={visitorToken}
            document={current}
            batcher={batcher}
            onSessionEnded={onSessionEnded}
            actions={current.allowDownload ? (
              <Button size="xs" variant="default" onClick={() => void download(current)}>
                {t('visitor:download.button')}
              </Button>
            ) : null}
          />
        ) : (
          <Text>{t('visitor:tree.noDocument')}</Text>
        )}
        {current && (
          <QuestionsPanel key={current.id} source={{ kind: 'visitor', token, visitorToken, documentId: current.id }} />
        )}
      </Stack>
    </div>
  );
}
