import type { z } from "zod";
import { type RouteContract, type RouteName, type Routes, routes } from "../../contracts/routes.ts";

/** Routes of the contract table that take a request body. */
export type RouteWithBody = {
  [K in RouteName]: Routes[K] extends { body: z.ZodType } ? K : never;
}[RouteName];

/**
 * A valid request body for every route that takes one, so table-driven tests can change one
 * thing at a time. A new route with a body fails type-checking until it has a sample here.
 */
export const sampleBodies: { [K in RouteWithBody]: z.input<Routes[K]["body"]> } = {
  setup: {
    organisationName: "Sample Org",
    name: "Sample Person",
    email: "sample@example.test",
    password: "sample-password-1",
  },
  signIn: { email: "sample@example.test", password: "sample-password-1" },
  requestPasswordReset: { email: "sample@example.test" },
  confirmPasswordReset: { token: "t".repeat(43), password: "sample-password-1" },
  verifyEmail: { token: "t".repeat(43) },
  updateMe: { name: "Sample Person" },
  changePassword: { currentPassword: "sample-password-1", newPassword: "sample-password-2" },
  switchOrg: { orgId: "00000000-0000-4000-8000-000000000000" },
  updateMember: { role: "member" },
  createInvitation: { email: "invitee@example.test", role: "member" },
  acceptInvitation: { name: "Sample Person", password: "sample-password-1" },
};

export const allRoutes = Object.entries(routes) as [RouteName, RouteContract][];

export const isOrgScoped = (contract: RouteContract) =>
  contract.access === "org-member" || contract.access === "org-admin";

/** Fills a route's path parameters (":orgId" and the like) from a map of values. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}

export function sampleBody(name: RouteName): unknown {
  return (sampleBodies as Record<string, unknown>)[name];
}
