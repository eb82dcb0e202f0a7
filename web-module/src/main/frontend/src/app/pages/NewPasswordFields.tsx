import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from './passwords';

/** A new password typed twice; `check` shows the problems once the user tried to submit. */
export function newPasswordProblem(password: string, repeat: string): 'passwordTooShort' | 'passwordsDiffer' | null {
  return passwordProblem(password) ?? (password !== repeat ? 'passwordsDiffer' : null);
}

export function NewPasswordFields(props: {
  password: string;
  repeat: string;
  onPassword(value: string): void;
  onRepeat(value: string): void;
  check: boolean;
  label?: string;
}) {
  const { t } = useTranslation('auth');
  const tooShort = props.check ? passwordProblem(props.password) : null;
  const differ = props.check && !tooShort && props.password !== props.repeat;
  return (
    <>
      <PasswordInput
        label={props.label ?? t('fields.newPassword')}
        description={t('fields.passwordHint')}
        name="new-password"
        autoComplete="new-password"
        required
        value={props.password}
        error={tooShort ? t(tooShort) : undefined}
        onChange={(e) => props.onPassword(e.currentTarget.value)}
      />
      <PasswordInput
        label={t('fields.repeatPassword')}
        name="repeat-password"
        autoComplete="new-password"
        required
        value={props.repeat}
        error={differ ? t('passwordsDiffer') : undefined}
        onChange={(e) => props.onRepeat(e.currentTarget.value)}
      />
    </>
  );
}
