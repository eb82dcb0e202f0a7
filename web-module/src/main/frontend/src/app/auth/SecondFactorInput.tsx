import { Anchor, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FactorMode } from './secondFactor';

/**
 * One field for the second factor: the 6-digit code of the authenticator app, or (after the switch) a recovery code.
 * Used by the login's second step and by turning two-factor authentication off.
 */
export function SecondFactorInput(props: {
  mode: FactorMode;
  onMode(mode: FactorMode): void;
  value: string;
  onValue(value: string): void;
  /** The translated problem of the value, shown under the field. */
  error?: string;
  /** Whether the other kind may be chosen (the login's `methods` may offer only one). */
  canSwitch?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('auth');
  const code = props.mode === 'code';
  return (
    <>
      <TextInput
        key={props.mode}
        label={code ? t('mfa.code') : t('mfa.recoveryCode')}
        description={code ? t('mfa.codeHint') : t('mfa.recoveryCodeHint')}
        name={code ? 'code' : 'recoveryCode'}
        autoComplete={code ? 'one-time-code' : 'off'}
        inputMode={code ? 'numeric' : 'text'}
        maxLength={code ? 7 : 64}
        required
        autoFocus={props.autoFocus}
        value={props.value}
        error={props.error}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      />
      {props.canSwitch !== false && (
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          onClick={() => {
            props.onValue('');
            props.onMode(code ? 'recovery' : 'code');
          }}
        >
          {code ? t('mfa.useRecovery') : t('mfa.useCode')}
        </Anchor>
      )}
    </>
  );
}
