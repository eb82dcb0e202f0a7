import { Paper, Stack, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/** The frame of the public auth pages: a heading and a form (or a message). */
export function AuthCard({ title, children, onSubmit }: { title: string; children: ReactNode; onSubmit?: () => void }) {
  const body = <Stack gap="md">{children}</Stack>;
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={1} size="h2" mb="md">
        {title}
      </Title>
      {onSubmit ? (
        <form
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {body}
        </form>
      ) : (
        body
      )}
    </Paper>
  );
}
