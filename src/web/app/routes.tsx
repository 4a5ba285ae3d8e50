import { lazy } from "react";
import { Route, Routes } from "react-router";
import { secretPagePaths } from "../../contracts/url-secrets.ts";
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
const CalendarPage = lazy(() => import("../routes/calendar/calendar-page.tsx"));
const MembersPage = lazy(() => import("../routes/members/members-page.tsx"));
const InvitationsPage = lazy(() => import("../routes/invitations/invitations-page.tsx"));
const SentEmailsPage = lazy(() => import("../routes/sent-emails/sent-emails-page.tsx"));
const SentEmailPage = lazy(() => import("../routes/sent-emails/sent-email-page.tsx"));
const EmailTemplatesPage = lazy(() => import("../routes/email-templates/email-templates-page.tsx"));
const EmailTemplatePage = lazy(() => import("../routes/email-templates/email-template-page.tsx"));
const SecurityPage = lazy(() => import("../routes/security/security-page.tsx"));
const SsoSettingsPage = lazy(() => import("../routes/sso/sso-settings-page.tsx"));
const WebhooksPage = lazy(() => import("../routes/webhooks/webhooks-page.tsx"));
const VerifyDomainPage = lazy(() => import("../routes/sso/verify-domain-page.tsx"));
const AuditLogPage = lazy(() => import("../routes/audit-log/audit-log-page.tsx"));
const ImportProgrammePage = lazy(() => import("../routes/programmes/import-programme-page.tsx"));
const ProfilePage = lazy(() => import("../routes/profile/profile-page.tsx"));
const PersonPage = lazy(() => import("../routes/profile/person-page.tsx"));
const SkillsPage = lazy(() => import("../routes/skills/skills-page.tsx"));
const ProgrammesPage = lazy(() => import("../routes/programmes/programmes-page.tsx"));
const NewProgrammePage = lazy(() => import("../routes/programmes/new-programme-page.tsx"));
const ProgrammeLayout = lazy(() => import("../routes/programmes/programme-layout.tsx"));
const ProgrammeOverviewPage = lazy(() => import("../routes/programmes/programme-overview-page.tsx"));
const ProgrammeSettingsPage = lazy(() => import("../routes/programmes/programme-settings-page.tsx"));
const ParticipantsPage = lazy(() => import("../routes/programme-participants/participants-page.tsx"));
const ImportPage = lazy(() => import("../routes/programme-participants/import-page.tsx"));
const RegisterPage = lazy(() => import("../routes/programme-participants/register-page.tsx"));
const JoinPage = lazy(() => import("../routes/programme-participants/join-page.tsx"));
const MentorSearchPage = lazy(() => import("../routes/mentor-search/mentor-search-page.tsx"));
const MatchingPage = lazy(() => import("../routes/programme-matching/matching-page.tsx"));
const ProgrammeRelationshipsPage = lazy(
  () => import("../routes/relationships/programme-relationships-page.tsx"),
);
const RelationshipsPage = lazy(() => import("../routes/relationships/relationships-page.tsx"));
const MyRelationshipsPage = lazy(() => import("../routes/relationships/my-relationships-page.tsx"));
const RelationshipPage = lazy(() => import("../routes/relationships/relationship-page.tsx"));
const RequestsPage = lazy(() => import("../routes/requests/requests-page.tsx"));
const RequestPage = lazy(() => import("../routes/requests/request-page.tsx"));
const NotificationsPage = lazy(() => import("../routes/notifications/notifications-page.tsx"));
const MySessionsPage = lazy(() => import("../routes/sessions/my-sessions-page.tsx"));
const SessionPage = lazy(() => import("../routes/sessions/session-page.tsx"));
const SchedulingPage = lazy(() => import("../routes/sessions/scheduling-page.tsx"));
const NotFoundPage = lazy(() => import("../routes/not-found/not-found-page.tsx"));

/**
 * The client routes. Paths the server emails: /invitations/:token, /join/:token (both declared in
 * contracts/url-secrets.ts so logs mask them), /reset-password, /verify-email.
 */
export const paths = {
  home: "/",
  setup: "/setup",
  signIn: "/sign-in",
  forgotPassword: "/forgot-password",
  resetPassword: "/reset-password",
  verifyEmail: "/verify-email",
  acceptInvitation: secretPagePaths.acceptInvitation,
  account: "/account",
  calendars: "/account/calendars",
  members: "/members",
  invitations: "/members/invitations",
  sentEmails: "/emails",
  sentEmail: "/emails/:emailId",
  emailTemplates: "/settings/email-templates",
  emailTemplate: "/settings/email-templates/:kind",
  security: "/settings/security",
  ssoSettings: "/settings/sso",
  webhooks: "/settings/webhooks",
  verifyDomain: "/verify-domain",
  auditLog: "/settings/audit-log",
  profile: "/profile",
  person: "/people/:userId",
  skills: "/skills",
  programmes: "/programmes",
  newProgramme: "/programmes/new",
  importProgramme: "/programmes/import",
  programme: "/programmes/:programmeId",
  programmeSettings: "/programmes/:programmeId/settings",
  programmeParticipants: "/programmes/:programmeId/participants",
  programmeImport: "/programmes/:programmeId/import",
  programmeRegister: "/programmes/:programmeId/register",
  programmeMentors: "/programmes/:programmeId/mentors",
  programmeMatching: "/programmes/:programmeId/matching",
  programmeRelationships: "/programmes/:programmeId/relationships",
  join: secretPagePaths.join,
  mentoring: "/mentoring",
  relationship: "/mentoring/relationships/:relationshipId",
  requests: "/mentoring/requests",
  request: "/mentoring/requests/:requestId",
  relationships: "/relationships",
  notifications: "/notifications",
  sessions: "/sessions",
  session: "/sessions/:sessionId",
  scheduling: "/settings/availability",
} as const;

/** A client path with its parameters filled: to(paths.programme, { programmeId }). */
export function to(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicShell />}>
        <Route path={paths.setup} element={<SetupPage />} />
        <Route path={paths.signIn} element={<SignInPage />} />
        <Route path={paths.forgotPassword} element={<ForgotPasswordPage />} />
        <Route path={paths.resetPassword} element={<ResetPasswordPage />} />
        <Route path={paths.verifyEmail} element={<VerifyEmailPage />} />
        <Route path={paths.verifyDomain} element={<VerifyDomainPage />} />
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
        <Route path={paths.calendars} element={<CalendarPage />} />
        <Route path={paths.members} element={<MembersPage />} />
        <Route path={paths.invitations} element={<InvitationsPage />} />
        <Route path={paths.sentEmails} element={<SentEmailsPage />} />
        <Route path={paths.sentEmail} element={<SentEmailPage />} />
        <Route path={paths.emailTemplates} element={<EmailTemplatesPage />} />
        <Route path={paths.emailTemplate} element={<EmailTemplatePage />} />
        <Route path={paths.security} element={<SecurityPage />} />
        <Route path={paths.ssoSettings} element={<SsoSettingsPage />} />
        <Route path={paths.webhooks} element={<WebhooksPage />} />
        <Route path={paths.auditLog} element={<AuditLogPage />} />
        <Route path={paths.profile} element={<ProfilePage />} />
        <Route path={paths.person} element={<PersonPage />} />
        <Route path={paths.skills} element={<SkillsPage />} />
        <Route path={paths.programmes} element={<ProgrammesPage />} />
        <Route path={paths.newProgramme} element={<NewProgrammePage />} />
        <Route path={paths.importProgramme} element={<ImportProgrammePage />} />
        <Route path={paths.programme} element={<ProgrammeLayout />}>
          <Route index element={<ProgrammeOverviewPage />} />
          <Route path="settings" element={<ProgrammeSettingsPage />} />
          <Route path="participants" element={<ParticipantsPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="mentors" element={<MentorSearchPage />} />
          <Route path="matching" element={<MatchingPage />} />
          <Route path="relationships" element={<ProgrammeRelationshipsPage />} />
        </Route>
        <Route path={paths.join} element={<JoinPage />} />
        <Route path={paths.mentoring} element={<MyRelationshipsPage />} />
        <Route path={paths.relationship} element={<RelationshipPage />} />
        <Route path={paths.requests} element={<RequestsPage />} />
        <Route path={paths.request} element={<RequestPage />} />
        <Route path={paths.relationships} element={<RelationshipsPage />} />
        <Route path={paths.notifications} element={<NotificationsPage />} />
        <Route path={paths.sessions} element={<MySessionsPage />} />
        <Route path={paths.session} element={<SessionPage />} />
        <Route path={paths.scheduling} element={<SchedulingPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
