import { Center, Loader } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './AuthProvider';

/** Admin routes: wait for the first refresh, then send the anonymous to the login page (and back afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, onSecondFactorDue } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { t } = useTranslation();
  // MFA-14: the tenant requires a second factor this session has not passed: to the account page to set one up
  useEffect(() => onSecondFactorDue(() => navigate('/account?enrol=required')), [onSecondFactorDue, navigate]);
  if (state.status === 'loading') {
    return (
      <Center mih="60vh">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  }
  if (state.status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search, ended: state.ended }} />;
  }
  return <>{children}</>;
}
