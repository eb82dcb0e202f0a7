import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProblemOverrides } from '../../api/problem';
import { ProblemAlert } from '../ui/ProblemAlert';
import { PasskeyCeremonyError } from './passkey';

/**
 * The outcome of a failed passkey step: a closed browser prompt is a quiet note (nothing happened), another failure
 * of the browser or authenticator a sentence, and an API answer the app's problem sentence (with `overrides`).
 */
export function PasskeyAlert({ error, overrides }: { error: unknown; overrides?: ProblemOverrides }) {
  const { t } = useTranslation('auth');
  if (!error) return null;
  if (error instanceof PasskeyCeremonyError) {
    if (error.cancelled) {
      return (
        <Alert color="blue" role="status" variant="light">
          {t('passkey.cancelled')}
        </Alert>
      );
    }
    return (
      <Alert color="red" role="alert" variant="light">
        {error.alreadyRegistered ? t('passkey.alreadyRegistered') : t('passkey.browserFailed')}
      </Alert>
    );
  }
  return <ProblemAlert error={error} overrides={overrides} />;
}
