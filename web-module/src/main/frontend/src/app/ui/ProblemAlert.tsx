import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemMessage, type ProblemOverrides } from '../../api/problem';

/** An API error as a human sentence (never raw JSON); renders nothing without an error. */
export function ProblemAlert({ error, overrides }: { error: unknown; overrides?: ProblemOverrides }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" variant="light">
      {problemMessage(error, t, overrides)}
    </Alert>
  );
}
