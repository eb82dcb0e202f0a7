import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { ApiError, type ApiClient } from '../api/client';
import { AuthProvider } from './auth/AuthProvider';
import { routes } from './routes';
import { theme } from './theme';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will not change by asking again.
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/**
 * The providers. Mantine's run-time <style> injection is off (withCssVariables, withGlobalClasses): the CSP has
 * style-src 'self' and no 'unsafe-inline'; the default theme's variables come from @mantine/core/styles.css.
 */
export function Providers(props: { children: ReactNode; queryClient: QueryClient; client?: ApiClient; env?: 'test' }) {
  const { children, queryClient, client, env } = props;
  return (
    <MantineProvider
      theme={theme}
      withCssVariables={false}
      withGlobalClasses={false}
      defaultColorScheme="light"
      {...(env ? { env } : {})}
    >
      <QueryClientProvider client={queryClient}>
        <AuthProvider {...(client ? { client } : {})}>{children}</AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  );
}
