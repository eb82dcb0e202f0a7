/**
 * The session: the access token stays in the API client's memory; on load the refresh cookie is traded for a token
 * (so a reload keeps you logged in), and logout revokes the refresh family on the server.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/browser';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiClient, unwrap, type ApiClient, type Schemas } from '../../api/client';
import { webauthnApi } from '../../api/webauthn';

export type Me = Schemas['Me'];

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; ended: boolean }
  | { status: 'authenticated'; me: Me };

/**
 * The second step of a login that answered 401 `mfa-required`: a code of the authenticator app, a recovery code or
 * a passkey's assertion (made by @simplewebauthn/browser for the options of POST /auth/webauthn/options).
 */
export type SecondFactor = { code: string } | { recoveryCode: string } | { webauthn: AuthenticationResponseJSON };

export interface Auth {
  state: AuthState;
  /** Throws the ApiError of the answer; 401 `mfa-required` carries `mfaToken` and `methods` for `completeMfa`. */
  login(tenant: string, email: string, password: string): Promise<void>;
  /** POST /auth/webauthn: a sign-in with a passkey alone (usernameless); its success is handled as a login's. */
  loginWithPasskey(tenant: string, assertion: AuthenticationResponseJSON): Promise<void>;
  /** POST /auth/mfa: the second step of a login; its success is handled exactly as a login's. */
  completeMfa(mfaToken: string, factor: SecondFactor): Promise<void>;
  /** The account changed (PATCH /me answered it): the header and every useMe() show it at once. */
  updateMe(me: Me): void;
  logout(): Promise<void>;
  /**
   * Subscribes to 403 `mfa-enrolment-required` answers (the tenant requires a second factor this session has not
   * passed, MFA-14); returns the unsubscribe function.
   */
  onSecondFactorDue(listener: () => void): () => void;
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

  const signIn = useCallback(
    async (call: Promise<{ data?: Schemas['TokenResponse']; error?: unknown; response: Response }>) => {
      const token = await unwrap(call);
      client.setAccessToken(token.accessToken);
      queryClient.clear();
      await loadMe();
    },
    [client, loadMe, queryClient],
  );

  const login = useCallback(
    (tenant: string, email: string, password: string) =>
      signIn(client.api.POST('/api/v1/auth/login', { body: { tenant, email, password } })),
    [client, signIn],
  );

  const loginWithPasskey = useCallback(
    (tenant: string, assertion: AuthenticationResponseJSON) => signIn(webauthnApi(client.api).signIn(tenant, assertion)),
    [client, signIn],
  );

  const completeMfa = useCallback(
    (mfaToken: string, factor: SecondFactor) =>
      signIn(
        'webauthn' in factor
          ? webauthnApi(client.api).completeMfa(mfaToken, factor.webauthn)
          : client.api.POST('/api/v1/auth/mfa', { body: { mfaToken, ...factor } }),
      ),
    [client, signIn],
  );

  const updateMe = useCallback((me: Me) => setState({ status: 'authenticated', me }), []);

  const logout = useCallback(async () => {
    try {
      await client.api.POST('/api/v1/auth/logout');
    } finally {
      client.setAccessToken(null);
      queryClient.clear();
      setState({ status: 'anonymous', ended: false });
    }
  }, [client, queryClient]);

  const onSecondFactorDue = useCallback((listener: () => void) => client.onSecondFactorDue(listener), [client]);

  const value = useMemo(
    () => ({ state, login, loginWithPasskey, completeMfa, updateMe, logout, onSecondFactorDue }),
    [state, login, loginWithPasskey, completeMfa, updateMe, logout, onSecondFactorDue],
  );
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
