import { lazy } from "react";
import { Route, Routes } from "react-router";
import { AppShell } from "./app-shell.tsx";
import { PublicShell } from "./public-shell.tsx";
import { RequireAuth } from "./require-auth.tsx";

// Each screen is its own chunk: the first load carries only the shell and the screen in view.
const SetupPage = lazy(() => import("../routes/setup/setup-page.tsx"));
const SignInPage = lazy(() => import("../routes/sign-in/sign-in-page.tsx"));
const ForgotPasswordPage = lazy(() => import("../routes/forgot-password/forgot-password-page.tsx"));
const ResetPasswordPage = lazy(() => import("../routes/reset-password/reset-password-page.tsx"));
const VerifyEmailPage = lazy(() => import("../routes/verify-email/verify-email-page.tsx"));
const AcceptInvitationPage = lazy(() => import("../routes/accept-invitation/accept-invitation-page.tsx"));
const HomePage = lazy(() => import("../routes/home/home-page.tsx"));
const AccountPage = lazy(() => import("../routes/account/account-page.tsx"));
const MembersPage = lazy(() => import("../routes/members/members-page.tsx"));
const InvitationsPage = lazy(() => import("../routes/invitations/invitations-page.tsx"));
const SentEmailsPage = lazy(() => import("../routes/sent-emails/sent-emails-page.tsx"));
const SentEmailPage = lazy(() => import("../routes/sent-emails/sent-email-page.tsx"));
const NotFoundPage = lazy(() => import("../routes/not-found/not-found-page.tsx"));

/** The client routes. Paths the server emails: /invitations/:token, /reset-password, /verify-email. */
export const paths = {
  home: "/",
  setup: "/setup",
  signIn: "/sign-in",
  forgotPassword: "/forgot-password",
  resetPassword: "/reset-password",
  verifyEmail: "/verify-email",
  acceptInvitation: "/invitations/:token",
  account: "/account",
  members: "/members",
  invitations: "/members/invitations",
  sentEmails: "/emails",
  sentEmail: "/emails/:emailId",
} as const;

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicShell />}>
        <Route path={paths.setup} element={<SetupPage />} />
        <Route path={paths.signIn} element={<SignInPage />} />
        <Route path={paths.forgotPassword} element={<ForgotPasswordPage />} />
        <Route path={paths.resetPassword} element={<ResetPasswordPage />} />
        <Route path={paths.verifyEmail} element={<VerifyEmailPage />} />
        <Route path={paths.acceptInvitation} element={<AcceptInvitationPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path={paths.account} element={<AccountPage />} />
        <Route path={paths.members} element={<MembersPage />} />
        <Route path={paths.invitations} element={<InvitationsPage />} />
        <Route path={paths.sentEmails} element={<SentEmailsPage />} />
        <Route path={paths.sentEmail} element={<SentEmailPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
