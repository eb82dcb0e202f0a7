import { Alert, Button, Group, PasswordInput, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { uploadToFileRequest } from '../../api/upload';
import { useFormat } from '../../app/format';
import { Loading } from '../../app/ui/Loading';
import { formatBytes } from '../rooms/format';
import { fileRequestIntro, fileRequestKeys, type FileRequestIntro } from './api';
import { checkFiles, endsTheRequest, listOf, refusalOf, refusalSentence, type Refusal } from './checks';
import classes from './filerequests.module.css';

type ItemState = 'waiting' | 'sending' | 'received' | 'refused';

interface Item {
  key: number;
  file: File;
  state: ItemState;
  loaded: number;
  refusal: Refusal | null;
  /** Refused by the server for a reason that may pass on a second try (scanner, network, password, throttling). */
  retryable: boolean;
}

const RETRYABLE = new Set<Refusal['reason']>(['scanner', 'network', 'password', 'email', 'credentials', 'throttled', 'other']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The request's limits, said before anything is chosen. */
function Limits({ intro, received }: { intro: FileRequestIntro; received: number }) {
  const { t } = useTranslation(['filerequests', 'common']);
  const format = useFormat();
  const locale = t('common:locale');
  const left = intro.filesLeft == null ? null : Math.max(0, intro.filesLeft - received);
  const rows: [string, string][] = [
    [t('limits.size'), intro.maxFileBytes != null ? formatBytes(intro.maxFileBytes, locale) : t('limits.sizeAny')],
    [t('limits.types'), intro.allowedTypes?.length ? listOf(intro.allowedTypes, locale) : t('limits.typesAny')],
    [t('limits.files'), left == null ? t('limits.filesAny') : t('limits.filesLeft', { count: left })],
    [t('limits.expires'), intro.expiresAt ? format.dateTime(intro.expiresAt) : t('limits.expiresNever')],
  ];
  return (
    <section aria-labelledby="fr-limits">
      <Text fw={600} id="fr-limits">{t('limits.title')}</Text>
      <dl className={classes.limits} data-testid="fr-limits">
        {rows.map(([term, value]) => (
          <div key={term} className={classes.limit}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ItemRow({ item, onRetry }: { item: Item; onRetry: (key: number) => void }) {
  const { t } = useTranslation(['filerequests', 'common']);
  const labelId = useId();
  const locale = t('common:locale');
  const percent = item.file.size > 0 ? Math.min(100, Math.round((item.loaded / item.file.size) * 100)) : 0;
  return (
    <li className={classes.item} data-testid="fr-item" data-name={item.file.name} data-state={item.state}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text id={labelId} size="sm" fw={600} className={classes.itemName}>{item.file.name}</Text>
        <Text size="xs" c="dimmed">{formatBytes(item.file.size, locale)}</Text>
      </Group>
      {item.state === 'waiting' && <Text size="sm" c="dimmed">{t('item.waiting')}</Text>}
      {item.state === 'sending' && (
        <>
          <Text size="sm">{t('item.sending', { percent })}</Text>
          <Progress.Root size="sm" mt={4}>
            <Progress.Section value={percent} aria-labelledby={labelId} data-testid="fr-progress" data-value={percent} />
          </Progress.Root>
        </>
      )}
      {item.state === 'received' && (
        <Text size="sm" className={classes.received} data-testid="fr-received">{t('item.received')}</Text>
      )}
      {item.state === 'refused' && item.refusal && (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <Text size="sm" className={classes.refused} data-testid="fr-refusal">{refusalSentence(item.refusal, item.file.name, t)}</Text>
          {item.retryable && (
            <Button size="compact-xs" variant="light" onClick={() => onRetry(item.key)}
              aria-label={t('item.retryName', { name: item.file.name })}>
              {t('item.retry')}
            </Button>
          )}
        </Group>
      )}
    </li>
  );
}

/**
 * `/r/:token`: an outsider sends files into a room's folder (file requests). The request's limits are shown first;
 * every chosen file is checked here against size, type and the files left before it is sent; the files go one after
 * another with their progress; each refusal (here or by the server) is one sentence for that file. No login: the
 * password, when the request has one, travels in a header of each upload and stays in this page's memory.
 */
export function FileRequestPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation(['filerequests', 'common']);
  const intro = useQuery({
    queryKey: fileRequestKeys.intro(token),
    queryFn: () => fileRequestIntro(token),
    retry: false,
    refetchOnWindowFocus: false,
  });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const [closed, setClosed] = useState<Refusal | null>(null);
  const [paused, setPaused] = useState(false);
  const [tried, setTried] = useState(false);
  const [dragOver, setDragOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const emailId = useId();

  const data = intro.data;
  const emailError = data?.requireEmail && !EMAIL.test(email.trim()) ? t('form.emailNeeded') : undefined;
  const passwordError = data?.hasPassword && !password ? t('form.passwordNeeded') : undefined;
  const ready = !emailError && !passwordError;
  const received = items.filter((i) => i.state === 'received').length;
  const sending = items.find((i) => i.state === 'sending');
  const next = items.find((i) => i.state === 'waiting');

  // One file at a time: the next waiting one once nothing is on its way.
  useEffect(() => {
    if (!data || sending || !next || paused || closed || !ready) return;
    const key = next.key;
    const given = { email: email.trim(), password };
    const update = (change: Partial<Item>) =>
      setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));
    update({ state: 'sending', loaded: 0 });
    uploadToFileRequest(
      token,
      { name: next.file.name, ...(data.requireEmail || given.email ? { email: given.email } : {}), ...(data.hasPassword ? { password } : {}) },
      next.file,
      { onProgress: (loaded) => update({ loaded }) },
    ).then(
      () => update({ state: 'received', loaded: next.file.size }),
      (error: unknown) => {
        const refusal = refusalOf(error, data, given);
        update({ state: 'refused', refusal, retryable: RETRYABLE.has(refusal.reason) });
        if (endsTheRequest(refusal)) {
          setClosed(refusal);
          setItems((all) => all.map((i) => (i.state === 'waiting' ? { ...i, state: 'refused', refusal, retryable: false } : i)));
        } else if (error instanceof ApiError && (refusal.reason === 'password' || refusal.reason === 'email')) {
          // The rest would be refused for the same reason: they wait for the corrected field.
          setPaused(true);
        }
      },
    );
  }, [data, sending, next, paused, closed, ready, token, email, password]);

  function add(files: readonly File[]) {
    setTried(true);
    if (!data || closed || files.length === 0 || !ready) return;
    const taken = items.filter((i) => i.state !== 'refused').length;
    const checked = checkFiles(files, data, taken);
    setItems((all) => [
      ...all,
      ...checked.map(({ file, refusal }) => ({
        key: nextKey.current++,
        file,
        state: (refusal ? 'refused' : 'waiting') as ItemState,
        loaded: 0,
        refusal,
        retryable: false,
      })),
    ]);
  }

  function retry(key: number) {
    setPaused(false);
    setItems((all) => all.map((i) => (i.key === key ? { ...i, state: 'waiting', refusal: null, retryable: false, loaded: 0 } : i)));
  }

  const drop = {
    onDragOver: (event: DragEvent) => {
      if (![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = ready && !closed ? 'copy' : 'none';
      setDragOver(true);
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragOver(false);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setDragOver(false);
      add([...event.dataTransfer.files]);
    },
  };

  if (intro.isPending) return <Loading label={t('opening')} />;
  if (intro.isError || !data || !data.open) {
    const status = intro.error instanceof ApiError ? intro.error.status : data ? 410 : 0;
    const reason = status === 404 ? 'unavailable' : status === 410 ? 'closed' : 'error';
    return (
      <Stack maw={560} mx="auto" mt="xl" data-testid="fr-unavailable">
        <Title order={1}>{t(`unavailable.${reason}.title`)}</Title>
        <Alert color={reason === 'error' ? 'red' : 'gray'} role="alert" variant="light">
          {t(`unavailable.${reason}.body`)}
        </Alert>
        {reason === 'error' && (
          <Button variant="default" onClick={() => void intro.refetch()}>{t('common:retry')}</Button>
        )}
      </Stack>
    );
  }

  const counts = {
    received,
    refused: items.filter((i) => i.state === 'refused').length,
    pending: items.filter((i) => i.state === 'waiting' || i.state === 'sending').length,
  };

  return (
    <Stack maw={640} mx="auto" mt="lg" gap="md">
      <div>
        <Text size="sm" c="dimmed">{t('kicker')}</Text>
        <Title order={1}>{data.name}</Title>
        <Text size="sm" mt="xs">{t('intro')}</Text>
      </div>
      <Limits intro={data} received={received} />
      {closed && (
        <Alert color="gray" role="alert" variant="light" data-testid="fr-closed">
          {t(`closedNow.${closed.reason === 'gone' ? 'gone' : 'closed'}`)}
        </Alert>
      )}
      {(data.requireEmail || data.hasPassword) && (
        <Stack gap="sm">
          {data.requireEmail && (
            <TextInput id={emailId} type="email" label={t('form.email')} description={t('form.emailHint')} required
              autoComplete="email" maxLength={254} value={email}
              error={tried ? emailError : undefined}
              onChange={(e) => setEmail(e.currentTarget.value)} />
          )}
          {data.hasPassword && (
            <PasswordInput label={t('form.password')} description={t('form.passwordHint')} required
              autoComplete="off" maxLength={256} value={password}
              error={tried ? passwordError : undefined}
              onChange={(e) => setPassword(e.currentTarget.value)} />
          )}
        </Stack>
      )}
      <div className={`${classes.dropzone} ${dragOver ? classes.dropzoneActive : ''}`} {...drop} data-testid="fr-dropzone">
        <Stack align="center" gap="xs">
          <Text size="sm" ta="center">{t('drop.hint')}</Text>
          <Button onClick={() => { setTried(true); if (ready) input.current?.click(); }} disabled={!!closed}>
            {t('drop.choose')}
          </Button>
          {tried && !ready && (
            <Text size="sm" className={classes.refused} role="alert">{t('drop.fillFirst')}</Text>
          )}
        </Stack>
        <input ref={input} type="file" multiple hidden aria-label={t('drop.choose')} data-testid="fr-input"
          {...(data.allowedTypes?.length ? { accept: data.allowedTypes.join(',') } : {})}
          onChange={(event) => {
            add([...(event.currentTarget.files ?? [])]);
            event.currentTarget.value = '';
          }} />
      </div>
      {paused && (
        <Alert color="orange" role="alert" variant="light" data-testid="fr-paused">
          <Stack gap="xs" align="flex-start">
            <span>{t('paused')}</span>
            <Button size="xs" variant="light" disabled={!ready} onClick={() => setPaused(false)}>{t('resume')}</Button>
          </Stack>
        </Alert>
      )}
      {items.length > 0 && (
        <section aria-labelledby="fr-files">
          <Text fw={600} id="fr-files">{t('files.title')}</Text>
          <Text size="sm" role="status" aria-live="polite" data-testid="fr-summary">
            {t('files.summary', { received: counts.received, refused: counts.refused, pending: counts.pending })}
          </Text>
          <ul className={classes.items}>
            {items.map((item) => <ItemRow key={item.key} item={item} onRetry={retry} />)}
          </ul>
        </section>
      )}
    </Stack>
  );
}
