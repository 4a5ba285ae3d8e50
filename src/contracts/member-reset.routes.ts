import { z } from "zod";
import { MemberParamsSchema } from "./organisations.ts";
import { route } from "./route-contract.ts";

/** A one-time reset link an admin issued for a member: shown once, to that admin only. */
export const IssuedResetLinkSchema = z.object({
  url: z.string().describe("The reset link; single use. Not stored or shown anywhere else."),
  expiresAt: z.string().describe("ISO time after which the link no longer works"),
});
export type IssuedResetLink = z.infer<typeof IssuedResetLinkSchema>;

/** Password resets for organisations without SMTP (docs/adr/0003-resets-without-smtp.md). */
export const memberResetRoutes = {
  issueMemberResetLink: route({
    method: "POST",
    path: "/api/orgs/:orgId/members/:userId/reset-link",
    summary: "Issue a one-time password reset link for a member (shown once; the member is told)",
    tag: "organisations",
    access: "org-admin",
    status: 201,
    params: MemberParamsSchema,
    response: IssuedResetLinkSchema,
  }),
};
