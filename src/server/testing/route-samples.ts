import type { z } from "zod";
import { type RouteContract, type RouteName, type Routes, routes } from "../../contracts/routes.ts";
import { bulkMatchingSamples } from "./samples/bulk-matching.samples.ts";
import { calendarSamples } from "./samples/calendar.samples.ts";
import { emailSamples } from "./samples/email.samples.ts";
import { enrolmentSamples } from "./samples/enrolment.samples.ts";
import { notificationSamples } from "./samples/notifications.samples.ts";
import { profileSamples } from "./samples/profiles.samples.ts";
import { programmeSamples } from "./samples/programmes.samples.ts";
import { relationshipSamples } from "./samples/relationships.samples.ts";
import { requestsSamples } from "./samples/requests.samples.ts";
import { mentoringSessionSamples } from "./samples/sessions.samples.ts";
import { ssoSamples } from "./samples/sso.samples.ts";
import { webhookSamples } from "./samples/webhooks.samples.ts";
import { twoFactorSamples } from "./samples/two-factor.samples.ts";
import { personalDataSamples } from "./samples/personal-data.samples.ts";
import { programmeDocumentSamples } from "./samples/programme-document.samples.ts";

/** Routes of the contract table that take a request body. */
export type RouteWithBody = {
  [K in RouteName]: Routes[K] extends { body: z.ZodType } ? K : never;
}[RouteName];

/** A valid body for each route of one feature's table that takes a body. */
export type SampleBodiesFor<T extends Record<string, RouteContract>> = {
  [K in keyof T as T[K] extends { body: z.ZodType } ? K : never]: T[K] extends {
    body: infer B extends z.ZodType;
  }
    ? z.input<B>
    : never;
};

/**
 * A valid request body for every route that takes one, so table-driven tests can change one
 * thing at a time. A new route with a body fails type-checking until it has a sample here.
 */
export const sampleBodies: { [K in RouteWithBody]: z.input<Routes[K]["body"]> } = {
  ...profileSamples,
  ...programmeSamples,
  ...enrolmentSamples,
  ...requestsSamples,
  ...bulkMatchingSamples,
  ...relationshipSamples,
  ...notificationSamples,
  ...emailSamples,
  ...calendarSamples,
  ...mentoringSessionSamples,
  ...ssoSamples,
  ...webhookSamples,
  ...twoFactorSamples,
  ...personalDataSamples,
  ...programmeDocumentSamples,
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

/**
 * A value for every path parameter of the route table. Ids are well-formed uuids of nothing, so
 * table-driven tests reach each route's own checks; each feature's tests use real ids.
 */
export const samplePathIds: Record<string, string> = {
  programmeId: "00000000-0000-4000-8000-00000000a001",
  enrolmentId: "00000000-0000-4000-8000-00000000a002",
  importId: "00000000-0000-4000-8000-00000000a003",
  requestId: "00000000-0000-4000-8000-00000000a004",
  runId: "00000000-0000-4000-8000-00000000a005",
  relationshipId: "00000000-0000-4000-8000-00000000a006",
  notificationId: "00000000-0000-4000-8000-00000000a007",
  skillId: "00000000-0000-4000-8000-00000000a008",
  menteeId: "00000000-0000-4000-8000-00000000a009",
  mentorId: "00000000-0000-4000-8000-00000000a00a",
  emailId: "00000000-0000-4000-8000-00000000a00b",
  sessionId: "00000000-0000-4000-8000-00000000a00c",
  itemId: "00000000-0000-4000-8000-00000000a00d",
  connectionId: "00000000-0000-4000-8000-00000000a0c1",
  domainId: "00000000-0000-4000-8000-00000000a0d1",
  endpointId: "00000000-0000-4000-8000-00000000a0e1",
  kind: "invitation",
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
