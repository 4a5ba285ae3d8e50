import type { FastifyInstance } from "fastify";
import type { InvitationId, Membership, UserId } from "../../core/accounts/types.ts";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { defineRoute } from "../http/define-route.ts";
import { sharedRateLimits } from "../http/shared-rate-limit.ts";
import { signInOrChallenge } from "../identity/two-factor.ts";
import { acceptInvitation, previewInvitation } from "./accept-invitation.ts";
import { inviteMember, resendInvitation } from "./invite-member.ts";
import { emailsWithVisibleLinks } from "../email/link-visibility.ts";
import { presentEmail, presentInvitation, presentMember } from "./organisation.presenter.ts";
import { updateMember } from "./update-member.ts";

export function registerOrganisationRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const { emailPerHour } = deps.config.rateLimits;
  const perUser = {
    max: emailPerHour * 5,
    timeWindow: "1 hour",
    keyGenerator: (request: { auth: { userId: string } | null; ip: string }) =>
      request.auth?.userId ?? request.ip,
  };
  const actorWithName = async (membership: Membership) => {
    const user = await deps.repos.users.findById(membership.userId);
    return { ...membership, name: user?.name ?? "A colleague" };
  };

  defineRoute(app, deps, routes.listMembers, async ({ membership, query }) => {
    const { members, total } = await deps.repos.organisations.listMembers(membership.orgId, query);
    return { members: members.map(presentMember), total };
  });

  defineRoute(app, deps, routes.updateMember, async ({ membership, params, body }) =>
    presentMember(await updateMember(deps, membership, params.userId as UserId, body)),
  );

  defineRoute(app, deps, routes.listInvitations, async ({ membership }) => {
    const now = deps.now();
    const invitations = await deps.repos.organisations.listInvitations(membership.orgId);
    return { invitations: invitations.map((invitation) => presentInvitation(invitation, now)) };
  });

  defineRoute(
    app,
    deps,
    routes.createInvitation,
    async ({ membership, body }) =>
      presentInvitation(await inviteMember(deps, await actorWithName(membership), body), deps.now()),
    { rateLimit: perUser },
  );

  defineRoute(
    app,
    deps,
    routes.resendInvitation,
    async ({ membership, params }) =>
      presentInvitation(
        await resendInvitation(deps, await actorWithName(membership), params.invitationId as InvitationId),
        deps.now(),
      ),
    { rateLimit: perUser },
  );

  defineRoute(app, deps, routes.revokeInvitation, async ({ membership, params }) => {
    const invitation = await deps.repos.organisations.findInvitation(
      membership.orgId,
      params.invitationId as InvitationId,
    );
    if (!invitation) throw notFound("Invitation not found.");
    if (invitation.acceptedAt)
      throw new AppError(
        "domain_rule",
        "This invitation was already accepted; deactivate the member instead.",
      );
    await deps.repos.organisations.revokeInvitation(invitation.id, deps.now());
    return undefined;
  });

  defineRoute(app, deps, routes.previewInvitation, async ({ params }) =>
    previewInvitation(deps, params.token),
  );

  defineRoute(app, deps, routes.acceptInvitation, async ({ params, body, request, reply }) => {
    // Counted in the database, shared by every instance.
    await sharedRateLimits(deps).perAddress(request, "accept-invitation");
    const userId = await acceptInvitation(deps, params.token, body);
    // An existing account with two-factor on still gives its code.
    return signInOrChallenge(deps, request, reply, userId);
  });

  defineRoute(app, deps, routes.listSentEmails, async ({ membership, auth }) => {
    const emails = await deps.repos.emails.listForOrg(membership.orgId, {
      // Account emails (resets, verifications) carry sign-in links: shown only when there is no
      // SMTP server to deliver them, and only to owners.
      includeAccountEmails: membership.role === "owner" && deps.mailer.delivery === "outbox",
      limit: 200,
    });
    const viewer = auth.user?.email ?? (await deps.repos.users.findById(auth.userId))?.email ?? null;
    const visible = await emailsWithVisibleLinks(deps, viewer, emails);
    return {
      emails: emails.map((email) => presentEmail(email, visible.has(email.id))),
      delivery: deps.mailer.delivery,
    };
  });
}
