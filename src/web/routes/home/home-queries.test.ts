import { describe, expect, it } from "vitest";
import type { Home } from "../../../contracts/home.ts";
import { homeTopics } from "./home-queries.ts";

const ORG = "00000000-0000-4000-8000-000000000001";
const ME = "00000000-0000-4000-8000-000000000002";
const PROGRAMME = "00000000-0000-4000-8000-000000000003";
const RUN = "00000000-0000-4000-8000-000000000004";

const home = (manager: Home["manager"]): Home => ({
  timeZone: "UTC",
  nextSteps: [],
  requestsToAnswer: [],
  sentRequests: [],
  pairs: [],
  enrolledProgrammes: 0,
  nextSession: null,
  openActionItems: [],
  manager,
});

describe("what Home listens to", () => {
  it("a member hears about themselves and the organisation", () => {
    expect(homeTopics(ORG, ME, home(null))).toEqual([`user:${ME}`, `org:${ORG}`]);
  });

  it("an admin also hears each programme and its running matching run", () => {
    const programme = {
      id: PROGRAMME,
      name: "Cohort",
      status: "matching" as const,
      startsOn: null,
      endsOn: null,
      evergreen: false,
      waitingForMatch: 3,
      pendingApproval: 0,
      expiringRequests: 0,
      inactivePairs: 0,
      livePairs: 0,
      work: [
        { kind: "matching" as const, id: RUN, startedAt: "2026-12-07T10:00:00.000Z", done: 1, total: 4 },
      ],
    };
    const manager = { members: 10, programmes: [programme], inactiveDays: 21, expiringWithinDays: 3 };
    expect(homeTopics(ORG, ME, home(manager))).toEqual([
      `user:${ME}`,
      `org:${ORG}`,
      `programme:${PROGRAMME}`,
      `match-run:${RUN}`,
    ]);
  });

  it("no organisation, nothing to hear", () => {
    expect(homeTopics(null, ME, undefined)).toEqual([]);
  });
});
