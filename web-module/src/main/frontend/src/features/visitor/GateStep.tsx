import { Alert, Button, Checkbox, PasswordInput, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GateState } from './gate';

type Step = Extract<GateState, { kind: 'step' }>;

/** A wait as words: "2 minutes", "30 seconds" (Intl, in the UI's language). */
export function waitText(seconds: number, locale: string): string {
  const unit = seconds >= 90 ? 'minute' : 'second';
  const value = unit === 'minute' ? Math.ceil(seconds / 60) : seconds;
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** One step of the gate: a single question (password, email, code or NDA) with its own form. */
export function GateStep({ state, onGiven }: { state: Step; onGiven: (value: string | boolean) => void }) {
  const { t } = useTranslation(['visitor', 'common']);
  const [value, setValue] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [, tick] = useState(0);
  const hintId = useId();
  const { step, error, retryAfter } = state;

  useEffect(() => {
    // A refused address stays in the field: once the link's owner approves it, Continue lets the visitor in.
    setValue(step === 'email' ? state.credentials.email ?? state.refusedEmail ?? '' : '');
    setAccepted(false);
  }, [step, state.credentials.email, state.refusedEmail]);

  useEffect(() => {
    if (error !== 'throttled' || !retryAfter) {
      setWaitUntil(null);
      return;
    }
    setWaitUntil(Date.now() + retryAfter * 1000);
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [error, retryAfter, state]);

  const waitLeft = waitUntil ? Math.max(0, Math.ceil((waitUntil - Date.now()) / 1000)) : 0;
  const blocked = waitLeft > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (blocked) return;
    if (step === 'nda') {
      if (accepted) onGiven(true);
      return;
    }
    if (value.trim()) onGiven(value);
  }

  const message = (() => {
    if (!error) return null;
    if (error === 'throttled') {
      return waitLeft > 0
        ? t('visitor:error.throttledWait', { wait: waitText(waitLeft, t('common:locale')) })
        : t('visitor:error.throttled');
    }
    if (error === 'wrong') return t(`visitor:error.wrong.${step}`);
    return t(`visitor:error.${error}`);
  })();

  return (
    <form onSubmit={submit} noValidate aria-label={t(`visitor:step.${step}.title`)} data-testid={`gate-${step}`}>
      <Stack gap="sm">
        <Text fw={600}>{t(`visitor:step.${step}.title`)}</Text>
        {message && (
          <Alert color={error === 'throttled' ? 'yellow' : 'red'} role="alert" variant="light">
            {message}
          </Alert>
        )}
        {step === 'password' && (
          <PasswordInput
            label={t('visitor:step.password.label')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            autoComplete="current-password"
            required
            autoFocus
          />
        )}
        {step === 'email' && (
          <TextInput
            type="email"
            label={t('visitor:step.email.label')}
            description={t('visitor:step.email.hint')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            autoComplete="email"
            required
            autoFocus
          />
        )}
        {step === 'emailCode' && (
          <TextInput
            label={t('visitor:step.emailCode.label')}
            description={state.codeSent || !error
              ? t('visitor:step.emailCode.sent', { email: state.credentials.email ?? '' })
              : undefined}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            autoFocus
          />
        )}
        {step === 'nda' && (
          <>
            <ScrollArea.Autosize mah={260} type="auto" role="region" aria-label={t('visitor:step.nda.title')} tabIndex={0}>
              <Text id={hintId} size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="nda-text">
                {state.intro.ndaText ?? ''}
              </Text>
            </ScrollArea.Autosize>
            <Checkbox
              label={t('visitor:step.nda.label')}
              checked={accepted}
              onChange={(e) => setAccepted(e.currentTarget.checked)}
            />
          </>
        )}
        <Button
          type="submit"
          disabled={blocked || (step === 'nda' ? !accepted : !value.trim()) || (step === 'emailCode' && value.length !== 6)}
        >
          {t(`visitor:step.${step}.submit`)}
        </Button>
      </Stack>
    </form>
  );
}
