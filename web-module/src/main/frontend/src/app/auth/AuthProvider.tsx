/**
 * The session: the access token stays in the API client's memory; on load the refresh cookie is traded for a token
 * (so a reload keeps you logged in), and logout revokes the refresh family on the server.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiClient, unwrap, type ApiClient, type Schemas } from '../../api/client';

export type Me = Schemas['Me'];

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; ended: boolean }
  | { status: 'authenticated'; me: Me };

export interface Auth {
  state: AuthState;
  login(tenant: string, email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children, client = apiClient }: { children: ReactNode; client?: ApiClient }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const queryClient = useQueryClient();

  const loadMe = useCallback(async () => {
    const me = await unwrap(client.api.GET('/api/v1/me'));
    setState({ status: 'authenticated', me });
  }, [client]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const ok = await client.refresh();
      if (cancelled) return;
      if (!ok) {
        setState({ status: 'anonymous', ended: false });
        return;
      }
      try {
        await loadMe();
      } catch {
        if (!cancelled) setState({ status: 'anonymous', ended: false });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, loadMe]);

  useEffect(
    () =>
      client.onSessionEnded(() => {
        client.setAccessToken(null);
        queryClient.clear();
        setState({ status: 'anonymous', ended: true });
      }),
    [client, queryClient],
  );

  const login = useCallback(
    async (tenant: string, email: string, password: string) => {
      const token = await unwrap(client.api.POST('/api/v1/auth/login', { body: { tenant, email, password } }));
      client.setAccessToken(token.accessToken);
      queryClient.clear();
      await loadMe();
    },
    [client, loadMe, queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await client.api.POST('/api/v1/auth/logout');
    } finally {
      client.setAccessToken(null);
      queryClient.clear();
      setState({ status: 'anonymous', ended: false });
    }
  }, [client, queryClient]);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in user; only inside routes guarded by RequireAuth. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe outside an authenticated route');
  return state.me;
}
