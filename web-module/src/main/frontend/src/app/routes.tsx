/**
 * The routes table: the visitor side under /l, file requests' outsiders under /r, the public auth pages, and the admin areas (adminAreas.ts, one line
 * per area) under the admin layout.
 */
import type { RouteObject } from 'react-router-dom';
import { fileRequestArea } from '../features/filerequests/routes';
import { visitorArea } from '../features/visitor/routes';
import { adminAreas } from './adminAreas';
import { RequireAuth } from './auth/RequireAuth';
import { AdminLayout } from './layout/AdminLayout';
import { PublicLayout } from './layout/PublicLayout';
import { VisitorLayout } from './layout/VisitorLayout';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SignupPage } from './pages/SignupPage';
import { VerifyEmailPage } from './pages/VerifyEmailPage';

export const routes: RouteObject[] = [
  { path: '/l', element: <VisitorLayout />, children: visitorArea.routes },
  { path: '/r', element: <VisitorLayout />, children: fileRequestArea.routes },
  {
    element: <PublicLayout />,
    children: [
      // The paths of the links in the mails (ejb-module identity: Signup, PasswordReset, Invitations).
      { path: '/login', element: <LoginPage /> },
      { path: '/signup', element: <SignupPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/invitations/accept', element: <AcceptInvitationPage /> },
    ],
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AdminLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      ...adminAreas.flatMap((area) => area.routes),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
