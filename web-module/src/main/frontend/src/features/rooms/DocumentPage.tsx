import { Alert, Anchor, Badge, Button, Group, NumberInput, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { nativeDownload, resumableUpload } from '../../api/upload';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import { formatBytes, formatDate, formatPercent } from './format';
import { rank } from './grants';
import { keys, useDocument, useTree } from './queries';
import { findNode, statusOf } from './tree';
import { QuestionsPanel } from '../questions';
import { percent, refusalOf } from './uploadQueue';
import classes from './rooms.module.css';

function pageQuery(id: string, version: number, n: number) {
  return {
    queryKey: [...keys.document(id), 'v', version, 'page', n] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/documents/{id}/pages/{n}', { params: { path: { id, n: String(n) } }, parseAs: 'blob' }),
      ) as Promise<Blob>,
    staleTime: Infinity,
  };
}

function pageFromParam(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** A document: the server's page images page by page (from ?page=N when given), its versions (list, upload a new one), download. */
export function DocumentPage() {
  const { roomId = '', documentId = '' } = useParams();
  const { t } = useTranslation(['rooms', 'common']);
  const locale = t('common:locale');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const doc = useDocument(documentId);
  const tree = useTree(roomId);
  // ?page=N opens the viewer at that page (a search hit's page); a later ?page= (another hit) moves it there.
  const [params] = useSearchParams();
  const pageParam = params.get('page');
  const [page, setPage] = useState(() => pageFromParam(pageParam));
  const [lastPageParam, setLastPageParam] = useState(pageParam);
  if (lastPageParam !== pageParam) {
    setLastPageParam(pageParam);
    setPage(pageFromParam(pageParam));
  }
  const [error, setError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  if (doc.isPending) return <Loading label={t('document.loading')} />;
  if (doc.isError) return <ProblemAlert error={doc.error} />;

  const node = tree.data ? findNode(tree.data, documentId)?.node : undefined;
  const permission = node?.myPermission ?? 'VIEW';
  // A quarantined file (file requests) is never served: neither its pages nor a download are offered.
  const quarantined = statusOf(doc.data) === 'QUARANTINED' || (node !== undefined && statusOf(node) === 'QUARANTINED');
  const pages = quarantined ? 0 : doc.data.pageCount ?? 0;

  async function download() {
    setDownloading(true);
    setError(null);
    try {
      const ticket = await unwrap(api.POST('/api/v1/documents/{id}/download-ticket', { params: { path: { id: documentId } } }));
      nativeDownload(ticket.url);
    } catch (e) {
      setError(e);
    } finally {
      setDownloading(false);
    }
  }

  async function trash() {
    setError(null);
    try {
      await unwrap(api.DELETE('/api/v1/documents/{id}', { params: { path: { id: documentId } } }));
      await queryClient.invalidateQueries({ queryKey: keys.tree(roomId) });
      navigate(`/rooms/${roomId}`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <Anchor component={Link} to={`/rooms/${roomId}`} size="sm">
        {t('document.back')}
      </Anchor>
      <div className={classes.header}>
        <Title order={1}>
          {node?.index ? `${node.index} ` : ''}
          {doc.data.name}
        </Title>
        <Badge variant="light">{t(`permission.${permission}`)}</Badge>
      </div>
      <Text size="sm" c="dimmed" mb="md">
        {t('document.facts', {
          type: doc.data.contentType,
          size: formatBytes(doc.data.size, locale),
          version: doc.data.version,
          count: pages,
        })}
      </Text>
      <Group mb="md" wrap="wrap">
        {rank(permission) >= rank('DOWNLOAD') && !quarantined && (
          <Button onClick={() => void download()} loading={downloading}>
            {t('document.download')}
          </Button>
        )}
        {rank(permission) >= rank('UPLOAD') && <NewVersion documentId={documentId} />}
        {permission === 'MANAGE' && (
          <Button variant="subtle" color="red" onClick={() => void trash()}>
            {t('tree.trash')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={error} />
      {quarantined && (
        <Alert color="red" variant="light" mb="md" data-testid="quarantined-notice">{t('quarantinedNotice')}</Alert>
      )}

      <div className={classes.layout}>
        <section className={classes.treeColumn} aria-labelledby="preview-title">
          <Title order={2} size="h4" id="preview-title" mb="xs">
            {t('document.preview')}
          </Title>
          {pages > 0 ? (
            <Viewer id={documentId} version={doc.data.version} pages={pages} page={Math.min(page, pages)} onPage={setPage} name={doc.data.name} />
          ) : (
            <Text>{t('document.noPreview')}</Text>
          )}
        </section>
        <section className={classes.sideColumn} aria-labelledby="versions-title">
          <Title order={2} size="h4" id="versions-title" mb="xs">
            {t('document.versions')}
          </Title>
          {doc.data.versions.length === 0 ? (
            <Text size="sm">{t('document.noVersions')}</Text>
          ) : (
            <div className={classes.tableScroll}>
              <Table data-testid="versions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('document.version')}</Table.Th>
                    <Table.Th>{t('document.size')}</Table.Th>
                    <Table.Th>{t('document.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...doc.data.versions]
                    .sort((a, b) => b.version - a.version)
                    .map((v) => (
                      <Table.Tr key={v.version}>
                        <Table.Td>
                          {v.version}
                          {v.version === doc.data.version && (
                            <Badge ml="xs" size="xs" variant="light">
                              {t('document.current')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{formatBytes(v.size, locale)}</Table.Td>
                        <Table.Td>{formatDate(v.createdAt, locale)}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
          <QuestionsPanel source={{ kind: 'member', roomId, documentId, canAnswer: rank(permission) >= rank('MANAGE') }} />
        </section>
      </div>
    </>
  );
}

/** One page image at a time (fetched with the bearer token as a blob), the next one fetched ahead. */
function Viewer(props: { id: string; version: number; pages: number; page: number; name: string; onPage: (n: number) => void }) {
  const { t } = useTranslation(['rooms', 'common']);
  const queryClient = useQueryClient();
  const image = useQuery(pageQuery(props.id, props.version, props.page));
  // The object URL of the blob on screen; the <img> shows it only while it belongs to the current blob, so that a
  // URL is revoked only after its image left the page.
  const [shown, setShown] = useState<{ blob: Blob; url: string } | null>(null);
  const [jump, setJump] = useState<string | number>(props.page);

  useEffect(() => {
    if (!image.data) return;
    const blob = image.data;
    const objectUrl = URL.createObjectURL(blob);
    setShown({ blob, url: objectUrl });
    return () => URL.revokeObjectURL(objectUrl);
  }, [image.data]);

  useEffect(() => {
    setJump(props.page);
    if (props.page < props.pages) void queryClient.prefetchQuery(pageQuery(props.id, props.version, props.page + 1));
  }, [props.page, props.pages, props.id, props.version, queryClient]);

  const go = (n: number) => props.onPage(Math.max(1, Math.min(props.pages, n)));
  const onKey = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowRight: props.page + 1, ArrowDown: props.page + 1, PageDown: props.page + 1,
      ArrowLeft: props.page - 1, ArrowUp: props.page - 1, PageUp: props.page - 1,
      Home: 1, End: props.pages,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      go(target);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        <Button size="xs" variant="default" onClick={() => go(props.page - 1)} disabled={props.page <= 1}>
          {t('document.previous')}
        </Button>
        <Button size="xs" variant="default" onClick={() => go(props.page + 1)} disabled={props.page >= props.pages}>
          {t('document.next')}
        </Button>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            go(Number(jump) || 1);
          }}
        >
          <Group gap="xs" align="flex-end">
            <NumberInput size="xs" w={90} label={t('document.page')} min={1} max={props.pages} value={jump} onChange={setJump} />
            <Button size="xs" type="submit" variant="default">
              {t('document.go')}
            </Button>
          </Group>
        </form>
        <Text size="sm" aria-live="polite" data-testid="page-of">
          {t('document.pageOf', { page: props.page, count: props.pages })}
        </Text>
      </Group>
      <div
        className={classes.viewer}
        tabIndex={0}
        onKeyDown={onKey}
        role="group"
        aria-roledescription={t('document.viewer')}
        aria-label={t('document.viewerLabel', { name: props.name })}
      >
        {image.isError ? (
          <ProblemAlert error={image.error} />
        ) : shown && shown.blob === image.data ? (
          <img
            src={shown.url}
            className={classes.page}
            alt={t('document.pageAlt', { page: props.page, count: props.pages, name: props.name })}
            data-testid="page-image"
          />
        ) : (
          <Loading label={t('document.pageLoading', { page: props.page })} />
        )}
      </div>
      <Text size="xs" c="dimmed">
        {t('document.keys')}
      </Text>
    </Stack>
  );
}

/**
 * Upload a new version, with its progress and cancel, by the same resumable (tus) upload as the room's queue; the
 * newest version is what every link serves.
 */
function NewVersion({ documentId }: { documentId: string }) {
  const { t } = useTranslation(['rooms', 'common']);
  const locale = t('common:locale');
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number; name: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function send(file: File) {
    controller.current = new AbortController();
    setMessage(null);
    setProgress({ loaded: 0, total: file.size, name: file.name });
    try {
      // the room uploads' path: a resumable (tus) upload that survives a broken line, not a one-shot request
      await resumableUpload({ documentId }, file, {
        signal: controller.current.signal,
        onProgress: (loaded) => setProgress({ loaded, total: file.size, name: file.name }),
      });
      await queryClient.invalidateQueries({ queryKey: keys.document(documentId) });
      setMessage(t('document.versionAdded'));
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError') setMessage(t('upload.state.cancelled'));
      else setMessage(t(`upload.refusal.${refusalOf(error)}`, { name: file.name }));
    } finally {
      setProgress(null);
      controller.current = null;
    }
  }

  const value = progress ? percent(progress.loaded, progress.total) : 0;
  return (
    <>
      <Button variant="default" onClick={() => input.current?.click()} disabled={progress !== null}>
        {t('document.newVersion')}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={t('document.newVersion')}
        data-testid="version-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void send(file);
        }}
      />
      {progress && (
        <Group gap="xs" wrap="nowrap" style={{ minWidth: '12rem' }}>
          <Progress value={value} size="sm" aria-label={t('document.versionProgress', { name: progress.name, percent: formatPercent(value, locale) })} style={{ flex: 1 }} />
          <Button size="xs" variant="subtle" color="red" onClick={() => controller.current?.abort()}>
            {t('upload.cancelOne')}
          </Button>
        </Group>
      )}
      <div role="status" aria-live="polite">
        {message && <Text size="sm">{message}</Text>}
      </div>
    </>
  );
}
