import { z } from "zod";
import { IdSchema, OrgIdParamsSchema, TimestampSchema } from "./common.ts";
import { ProgrammeStatusSchema } from "./programmes.ts";
import { DaySchema, MyRelationshipSchema, NextStepSchema, ProgrammeSummarySchema } from "./relationships.ts";
import { type RouteContract, route } from "./route-contract.ts";
import { RequestStatusSchema } from "./requests.ts";
import { ActionItemSchema, HomeSessionSchema } from "./sessions.ts";

/**
 * Home: what is next for the signed-in person in the current organisation. One read, so the first
 * screen shows everything at once; the manager part is present only for admins and holds counts,
 * states and dates, never a pair's private content (agreement goals, confidentiality, fit-check
 * notes, GROW text).
 */
export const HomeRequestSchema = z.object({
  id: IdSchema,
  programme: ProgrammeSummarySchema,
  /** The other side: the mentee of a request to answer, the mentor of one I sent. */
  person: z.object({ userId: IdSchema, name: z.string() }),
  status: RequestStatusSchema,
  expiresAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type HomeRequest = z.infer<typeof HomeRequestSchema>;

export const HomeWorkSchema = z.object({
  kind: z.enum(["matching", "import"]),
  id: IdSchema,
  startedAt: TimestampSchema,
  done: z.number().int(),
  total: z.number().int(),
});
export type HomeWork = z.infer<typeof HomeWorkSchema>;

export const ManagedProgrammeSchema = z.object({
  id: IdSchema,
  name: z.string(),
  status: ProgrammeStatusSchema,
  startsOn: DaySchema.nullable(),
  endsOn: DaySchema.nullable(),
  evergreen: z.boolean(),
  /** Active mentees (or peers) with no live pair in this programme. */
  waitingForMatch: z.number().int(),
  /** Registrations waiting for an admin's approval. */
  pendingApproval: z.number().int(),
  /** Open requests that expire within `expiringWithinDays`. */
  expiringRequests: z.number().int(),
  /** Active pairs with no activity for `inactiveDays` days or more. */
  inactivePairs: z.number().int(),
  livePairs: z.number().int(),
  /** Matching runs and CSV imports still running, with their progress. */
  work: z.array(HomeWorkSchema),
});
export type ManagedProgramme = z.infer<typeof ManagedProgrammeSchema>;

export const HomeSchema = z.object({
  /** The viewer's profile time zone (IANA), in which every time on Home is shown. */
  timeZone: z.string(),
  nextSteps: z.array(NextStepSchema),
  /** Requests waiting for my answer as a mentor, soonest to expire first. */
  requestsToAnswer: z.array(HomeRequestSchema),
  /** Requests I sent as a mentee: open ones and those closed in the last 14 days. */
  sentRequests: z.array(HomeRequestSchema),
  /** My live pairs, with days since their last activity. */
  pairs: z.array(MyRelationshipSchema),
  enrolledProgrammes: z.number().int(),
  /** My next live session (proposed or confirmed, not yet ended), one click to its page. */
  nextSession: HomeSessionSchema.nullable(),
  /** My open action items from my sessions, soonest due first. */
  openActionItems: z.array(ActionItemSchema),
  /** Null unless the viewer is an owner or admin of the organisation. */
  manager: z
    .object({
      members: z.number().int(),
      programmes: z.array(ManagedProgrammeSchema),
      inactiveDays: z.number().int(),
      expiringWithinDays: z.number().int(),
    })
    .nullable(),
});
export type Home = z.infer<typeof HomeSchema>;

/** The Home route (see routes.ts). */
export const homeRoutes = {
  home: route({
    method: "GET",
    path: "/api/orgs/:orgId/home",
    summary: "What is next for me here: requests, agreements, fit checks, pairs, and programmes I run",
    tag: "home",
    access: "org-member",
    status: 200,
    params: OrgIdParamsSchema,
    response: HomeSchema,
  }),
} satisfies Record<string, RouteContract>;
