import { Alert, Badge, Button, CopyButton, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { saveBlob } from '../../api/download';
import { SecondFactorInput } from '../../app/auth/SecondFactorInput';
import { factorOf, factorProblem, type FactorMode } from '../../app/auth/secondFactor';
import { ProblemAlert } from '../../app/ui/ProblemAlert';
import ui from '../../app/ui/ui.module.css';

type Enrolment = Schemas['TotpEnrolment'];

/**
 * What this page knows of the TOTP state: GET /me's `mfa` (MFA-20) tells it at first; without it (an older server,
 * a failed read) the page starts at `unknown` and learns from the answers: enrolment 201 (off, now pending), 409
 * (already on), confirmation 200 (on, with the recovery codes shown once), DELETE 204 (off). `regenerate` asks for a
 * code for new recovery codes (MFA-19), `codes` shows them once.
 */
type TotpState =
  | { step: 'unknown' }
  | { step: 'off' }
  | { step: 'pending'; enrolment: Enrolment }
  | { step: 'codes'; codes: string[]; renewed?: boolean }
  | { step: 'regenerate' }
  | { step: 'on'; already: boolean };

/** GET /me, read fresh for this page (the second factors change here). */
export const ME_KEY = ['me'] as const;

export function useFreshMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => unwrap(api.GET('/api/v1/me')) });
}

export function TwoFactorSection() {
  const { t } = useTranslation('account');
  const [learned, setState] = useState<TotpState>({ step: 'unknown' });
  const [disabling, setDisabling] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const me = useFreshMe();
  const mfa = me.data?.mfa;
  // GET /me's count of the caller's passkeys (PK-8), next to the app's status
  const passkeys = mfa?.passkeys;
  const state: TotpState =
    learned.step === 'unknown' && mfa ? (mfa.totp ? { step: 'on', already: false } : { step: 'off' }) : learned;
  const changed = () => void queryClient.invalidateQueries({ queryKey: ME_KEY });
  const [, setParams] = useSearchParams();

  const enrol = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/mfa/totp')),
    onMutate: () => setNotice(null),
    onSuccess: (enrolment) => setState({ step: 'pending', enrolment }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setState({ step: 'on', already: true });
        enrol.reset();
      }
    },
  });

  const status =
    state.step === 'on' || state.step === 'codes' || state.step === 'regenerate' ? 'on' : state.step === 'off' ? 'off' : null;

  return (
    <Stack maw={640} data-testid="two-factor">
      <Text>{t('totp.intro')}</Text>
      {status && (
        <Group gap="xs">
          <Text size="sm">{t('totp.status')}</Text>
          <Badge color={status === 'on' ? 'green' : 'gray'} variant="light">
            {t(`totp.${status}`)}
          </Badge>
          {status === 'on' && state.step === 'on' && mfa?.totp && (
            <Text size="sm" c="dimmed" data-testid="codes-left">
              {t('totp.codesLeft', { count: mfa.recoveryCodesLeft })}
            </Text>
          )}
          {passkeys !== undefined && (
            <Text size="sm" c="dimmed" data-testid="passkeys-count">
              {t('passkeys.count', { count: passkeys })}
            </Text>
          )}
        </Group>
      )}
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      {state.step === 'on' && state.already && (
        <Alert color="blue" role="status">
          {t('totp.alreadyOn')}
        </Alert>
      )}
      <ProblemAlert error={enrol.error} />

      {(state.step === 'unknown' || state.step === 'off') && !disabling && (
        <Group>
          <Button loading={enrol.isPending} onClick={() => enrol.mutate()}>
            {t('totp.setUp')}
          </Button>
          {state.step === 'unknown' && (
            <Button variant="default" onClick={() => setDisabling(true)}>
              {t('totp.turnOffOpen')}
            </Button>
          )}
        </Group>
      )}
      {state.step === 'unknown' && !disabling && <Text size="sm" c="dimmed">{t('totp.unknownHint')}</Text>}

      {state.step === 'pending' && (
        <Enrol
          enrolment={state.enrolment}
          onConfirmed={(codes) => {
            setState({ step: 'codes', codes });
            changed();
            // confirming passed the factor in this session (MFA-14): the enrolment notice is over
            setParams(
              (params) => {
                params.delete('enrol');
                return params;
              },
              { replace: true },
            );
          }}
          onCancel={() => setState({ step: 'unknown' })}
        />
      )}

      {state.step === 'codes' && (
        <RecoveryCodes codes={state.codes} renewed={state.renewed} onDone={() => setState({ step: 'on', already: false })} />
      )}

      {state.step === 'on' && !disabling && (
        <Group>
          <Button variant="default" onClick={() => setState({ step: 'regenerate' })}>
            {t('totp.regenerate')}
          </Button>
        </Group>
      )}
      {state.step === 'regenerate' && (
        <Regenerate
          onCancel={() => setState({ step: 'on', already: false })}
          onDone={(codes) => {
            setState({ step: 'codes', codes, renewed: true });
            changed();
          }}
        />
      )}

      {(state.step === 'on' || disabling) && (
        <TurnOff
          onCancel={state.step === 'on' ? undefined : () => setDisabling(false)}
          onDone={() => {
            setDisabling(false);
            setState({ step: 'off' });
            setNotice(t('totp.turnedOff'));
            changed();
          }}
        />
      )}
    </Stack>
  );
}

/** The pending enrolment: the QR code of the otpauth:// URL, the secret for typing it in, and the first code. */
function Enrol({ enrolment, onConfirmed, onCancel }: { enrolment: Enrolment; onConfirmed(codes: string[]): void; onCancel(): void }) {
  const { t } = useTranslation(['account', 'auth']);
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const qr = useQuery({
    queryKey: ['totp-qr', enrolment.otpauthUrl],
    // An SVG string, shown as a data: URL image (img-src allows data:; no canvas needed).
    queryFn: () => QRCode.toString(enrolment.otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    staleTime: Infinity,
    gcTime: 0,
  });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/mfa/totp/confirm', { body: { code: code.replace(/\s+/g, '') } })),
    onSuccess: (answer) => onConfirmed(answer.recoveryCodes),
  });
  const problem = checked ? factorProblem('code', code) : null;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (!factorProblem('code', code)) confirm.mutate();
      }}
    >
      <Stack>
        <Text>{t('totp.scan')}</Text>
        {qr.data && (
          <Image
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.data)}`}
            alt={t('totp.qrAlt')}
            w={200}
            h={200}
            data-testid="totp-qr"
          />
        )}
        {qr.isError && <Text c="red">{t('totp.qrFailed')}</Text>}
        <TextInput
          label={t('totp.secret')}
          description={t('totp.secretHint')}
          value={enrolment.secret}
          readOnly
          classNames={{ input: ui.key }}
        />
        <ProblemAlert error={confirm.error} overrides={{ validation: 'auth:mfa.wrongCode', conflict: 'account:totp.nothingPending' }} />
        <SecondFactorInput
          mode="code"
          onMode={() => undefined}
          canSwitch={false}
          value={code}
          onValue={setCode}
          error={problem ? t(`auth:${problem}`) : undefined}
        />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            {t('totp.confirm')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('totp.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The ten recovery codes, shown this once: copy, download as .txt, and a clear warning. */
function RecoveryCodes({ codes, renewed, onDone }: { codes: string[]; renewed?: boolean; onDone(): void }) {
  const { t } = useTranslation('account');
  const text = `${t('totp.fileHeader')}\n\n${codes.join('\n')}\n`;
  return (
    <Stack data-testid="recovery-codes">
      <Alert color="green" role="status">
        {renewed ? t('totp.renewed') : t('totp.turnedOn')}
      </Alert>
      <Alert color="yellow" title={t('totp.storeNowTitle')}>
        {t('totp.storeNow')}
      </Alert>
      <List className={ui.key} aria-label={t('totp.codesLabel')}>
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'light' : 'default'} onClick={copy}>
              {copied ? t('totp.copied') : t('totp.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), 'coffer-recovery-codes.txt')}>
          {t('totp.download')}
        </Button>
        <Button onClick={onDone}>{t('totp.stored')}</Button>
      </Group>
    </Stack>
  );
}

/** DELETE /me/mfa/totp with a code of the app or a recovery code. */
function TurnOff({ onDone, onCancel }: { onDone(): void; onCancel?: () => void }) {
  const { t } = useTranslation(['account', 'auth']);
  const [mode, setMode] = useState<FactorMode>('code');
  const [value, setValue] = useState('');
  const [checked, setChecked] = useState(false);
  const turnOff = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/me/mfa/totp', { body: factorOf(mode, value) })),
    onSuccess: onDone,
  });
  const problem = checked ? factorProblem(mode, value) : null;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (!factorProblem(mode, value)) turnOff.mutate();
      }}
    >
      <Stack>
        <Text>{t('totp.turnOffIntro')}</Text>
        <ProblemAlert
          error={turnOff.error}
          overrides={{ validation: mode === 'code' ? 'auth:mfa.wrongCode' : 'auth:mfa.wrongRecoveryCode' }}
        />
        <SecondFactorInput
          mode={mode}
          onMode={(next) => {
            setMode(next);
            setChecked(false);
            turnOff.reset();
          }}
          value={value}
          onValue={setValue}
          error={problem ? t(`auth:${problem}`) : undefined}
        />
        <Group>
          <Button type="submit" color="red" loading={turnOff.isPending}>
            {t('totp.turnOff')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('totp.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** POST /me/mfa/recovery-codes with a code of the app (MFA-19): ten new codes, the earlier ones end. */
function Regenerate({ onDone, onCancel }: { onDone(codes: string[]): void; onCancel(): void }) {
  const { t } = useTranslation(['account', 'auth']);
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const renew = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/mfa/recovery-codes', { body: { code: code.replace(/\s+/g, '') } })),
    onSuccess: (answer) => onDone(answer.recoveryCodes),
  });
  const problem = checked ? factorProblem('code', code) : null;
  return (
    <form
      noValidate
      data-testid="regenerate-codes"
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (!factorProblem('code', code)) renew.mutate();
      }}
    >
      <Stack>
        <Text>{t('totp.regenerateIntro')}</Text>
        <ProblemAlert
          error={renew.error}
          overrides={{ validation: 'auth:mfa.wrongCode', conflict: 'account:totp.regenerateOff' }}
        />
        <SecondFactorInput
          mode="code"
          onMode={() => undefined}
          canSwitch={false}
          value={code}
          onValue={setCode}
          error={problem ? t(`auth:${problem}`) : undefined}
        />
        <Group>
          <Button type="submit" loading={renew.isPending}>
            {t('totp.regenerateConfirm')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('totp.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
