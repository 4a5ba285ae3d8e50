import {
  ChangePasswordRequestSchema,
  MeSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  SessionListSchema,
  SessionParamsSchema,
  SetupRequestSchema,
  SetupStatusSchema,
  SignInRequestSchema,
  SwitchOrgRequestSchema,
  UpdateMeRequestSchema,
  VerifyEmailRequestSchema,
} from "./accounts.ts";
import { AcceptedSchema, NoContentSchema, OrgIdParamsSchema } from "./common.ts";
import {
  AcceptInvitationRequestSchema,
  CreateInvitationRequestSchema,
  HealthSchema,
  InvitationListSchema,
  InvitationParamsSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationTokenParamsSchema,
  MemberListQuerySchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberSchema,
  SentEmailListSchema,
  UpdateMemberRequestSchema,
} from "./organisations.ts";

import { type RouteContract, route } from "./route-contract.ts";
import { bulkMatchingRoutes } from "./bulk-matching.routes.ts";
import { calendarRoutes } from "./calendar.routes.ts";
import { emailRoutes } from "./email.routes.ts";
import { enrolmentRoutes } from "./enrolment.routes.ts";
import { memberResetRoutes } from "./member-reset.routes.ts";
import { homeRoutes } from "./home.ts";
import { notificationRoutes } from "./notifications.routes.ts";
import { profileRoutes } from "./profiles.routes.ts";
import { programmeRoutes } from "./programmes.routes.ts";
import { relationshipRoutes } from "./relationships.routes.ts";
import { mentorSearchRoutes } from "./mentor-search.routes.ts";
import { requestsRoutes } from "./requests.routes.ts";
import { sessionRoutes } from "./session.routes.ts";
import { mentoringSessionRoutes } from "./sessions.routes.ts";
import { ssoRoutes } from "./sso.routes.ts";
import { webhookRoutes } from "./webhooks.routes.ts";
import { SignInResultSchema, twoFactorRoutes } from "./two-factor.routes.ts";
import { auditRoutes } from "./audit.routes.ts";
import { personalDataRoutes } from "./personal-data.routes.ts";
import { programmeDocumentRoutes } from "./programme-document.routes.ts";

export type { Access, RouteContract } from "./route-contract.ts";

/** The foundation: health, accounts, organisations. */
const foundationRoutes = {
  health: route({
    method: "GET",
    path: "/api/health",
    summary: "Service and database health",
    tag: "system",
    access: "public",
    status: 200,
    response: HealthSchema,
  }),
  setupStatus: route({
    method: "GET",
    path: "/api/setup",
    summary: "Whether first-run set-up is needed",
    tag: "accounts",
    access: "public",
    status: 200,
    response: SetupStatusSchema,
  }),
  setup: route({
    method: "POST",
    path: "/api/setup",
    summary: "Create the first organisation and its owner",
    tag: "accounts",
    access: "public",
    status: 201,
    body: SetupRequestSchema,
    response: MeSchema,
  }),
  signIn: route({
    method: "POST",
    path: "/api/auth/sign-in",
    summary: "Sign in with email and password",
    tag: "accounts",
    access: "public",
    status: 200,
    body: SignInRequestSchema,
    response: SignInResultSchema,
  }),
  signOut: route({
    method: "POST",
    path: "/api/auth/sign-out",
    summary: "End this session",
    tag: "accounts",
    access: "signed-in",
    status: 204,
    response: NoContentSchema,
  }),
  requestPasswordReset: route({
    method: "POST",
    path: "/api/auth/password-reset",
    summary: "Email a password reset link (always accepted)",
    tag: "accounts",
    access: "public",
    status: 202,
    body: PasswordResetRequestSchema,
    response: AcceptedSchema,
  }),
  confirmPasswordReset: route({
    method: "POST",
    path: "/api/auth/password-reset/confirm",
    summary: "Set a new password from an emailed link and sign in",
    tag: "accounts",
    access: "public",
    status: 200,
    body: PasswordResetConfirmSchema,
    response: SignInResultSchema,
  }),
  verifyEmail: route({
    method: "POST",
    path: "/api/auth/verify-email",
    summary: "Confirm an email address from an emailed link",
    tag: "accounts",
    access: "public",
    status: 204,
    body: VerifyEmailRequestSchema,
    response: NoContentSchema,
  }),
  me: route({
    method: "GET",
    path: "/api/me",
    summary: "The signed-in person, their organisations and CSRF token",
    tag: "accounts",
    access: "signed-in",
    status: 200,
    response: MeSchema,
  }),
  updateMe: route({
    method: "PATCH",
    path: "/api/me",
    summary: "Change my name",
    tag: "accounts",
    access: "signed-in",
    status: 200,
    body: UpdateMeRequestSchema,
    response: MeSchema,
  }),
  changePassword: route({
    method: "POST",
    path: "/api/me/password",
    summary: "Change my password (other sessions are signed out)",
    tag: "accounts",
    access: "signed-in",
    status: 204,
    body: ChangePasswordRequestSchema,
    response: NoContentSchema,
  }),
  resendVerification: route({
    method: "POST",
    path: "/api/me/verify-email",
    summary: "Send the email verification link again",
    tag: "accounts",
    access: "signed-in",
    status: 202,
    response: AcceptedSchema,
  }),
  switchOrg: route({
    method: "POST",
    path: "/api/me/current-org",
    summary: "Switch the current organisation",
    tag: "accounts",
    access: "signed-in",
    status: 200,
    body: SwitchOrgRequestSchema,
    response: MeSchema,
  }),
  listSessions: route({
    method: "GET",
    path: "/api/me/sessions",
    summary: "My active sessions",
    tag: "accounts",
    access: "signed-in",
    status: 200,
    response: SessionListSchema,
  }),
  revokeSession: route({
    method: "DELETE",
    path: "/api/me/sessions/:sessionId",
    summary: "Sign out one of my sessions",
    tag: "accounts",
    access: "signed-in",
    status: 204,
    params: SessionParamsSchema,
    response: NoContentSchema,
  }),
  listMembers: route({
    method: "GET",
    path: "/api/orgs/:orgId/members",
    summary: "Members of an organisation",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    query: MemberListQuerySchema,
    response: MemberListSchema,
  }),
  updateMember: route({
    method: "PATCH",
    path: "/api/orgs/:orgId/members/:userId",
    summary: "Change a member's role or deactivate them",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: MemberParamsSchema,
    body: UpdateMemberRequestSchema,
    response: MemberSchema,
  }),
  listInvitations: route({
    method: "GET",
    path: "/api/orgs/:orgId/invitations",
    summary: "Pending and past invitations",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: InvitationListSchema,
  }),
  createInvitation: route({
    method: "POST",
    path: "/api/orgs/:orgId/invitations",
    summary: "Invite someone by email with a role",
    tag: "organisations",
    access: "org-admin",
    status: 201,
    params: OrgIdParamsSchema,
    body: CreateInvitationRequestSchema,
    response: InvitationSchema,
  }),
  resendInvitation: route({
    method: "POST",
    path: "/api/orgs/:orgId/invitations/:invitationId/resend",
    summary: "Send an invitation again with a fresh link",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: InvitationParamsSchema,
    response: InvitationSchema,
  }),
  revokeInvitation: route({
    method: "DELETE",
    path: "/api/orgs/:orgId/invitations/:invitationId",
    summary: "Revoke a pending invitation",
    tag: "organisations",
    access: "org-admin",
    status: 204,
    params: InvitationParamsSchema,
    response: NoContentSchema,
  }),
  previewInvitation: route({
    method: "GET",
    path: "/api/invitations/:token",
    summary: "What an invitation link is for",
    tag: "organisations",
    access: "public",
    status: 200,
    params: InvitationTokenParamsSchema,
    response: InvitationPreviewSchema,
  }),
  acceptInvitation: route({
    method: "POST",
    path: "/api/invitations/:token/accept",
    summary: "Accept an invitation and sign in",
    tag: "organisations",
    access: "public",
    status: 200,
    params: InvitationTokenParamsSchema,
    body: AcceptInvitationRequestSchema,
    response: SignInResultSchema,
  }),
  listSentEmails: route({
    method: "GET",
    path: "/api/orgs/:orgId/emails",
    summary: "Emails the system sent for this organisation",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: SentEmailListSchema,
  }),
} satisfies Record<string, RouteContract>;

/**
 * Every HTTP route of the API, once: the foundation's here, each feature's in its own
 * `<feature>.routes.ts`. The server registers a handler for each key; the web client derives
 * typed calls from the same table, so a change here is checked on both sides.
 */
export const routes = {
  ...foundationRoutes,
  ...profileRoutes,
  ...programmeRoutes,
  ...enrolmentRoutes,
  ...mentorSearchRoutes,
  ...requestsRoutes,
  ...bulkMatchingRoutes,
  ...relationshipRoutes,
  ...notificationRoutes,
  ...homeRoutes,
  ...sessionRoutes,
  ...emailRoutes,
  ...memberResetRoutes,
  ...calendarRoutes,
  ...mentoringSessionRoutes,
  ...ssoRoutes,
  ...webhookRoutes,
  ...twoFactorRoutes,
  ...auditRoutes,
  ...personalDataRoutes,
  ...programmeDocumentRoutes,
} satisfies Record<string, RouteContract>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
