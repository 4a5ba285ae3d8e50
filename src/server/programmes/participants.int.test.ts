import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import { toMatcherProgramme } from "../../core/programmes/matcher-input.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { addPeople, createProgramme } from "../testing/programme-fixtures.ts";
import { createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";

describe("a programme's participants, as the matcher reads them", () => {
  let t: TestApp;
  let orgId: OrgId;
  let programme: ProgrammeRecord;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await setUpOwner(t.app)).me.currentOrgId as OrgId;
    programme = await createProgramme(t, orgId);
    ids = await addPeople(t, orgId, programme.id, [
      {
        email: "mentor@acme.test",
        role: "mentor",
        mentorCapacity: 2,
        profile: {
          jobTitle: "Staff engineer",
          skillsOffered: [{ skill: "TypeScript", level: 5 }],
          timeZone: "Europe/London",
          languages: ["en"],
        },
      },
      {
        email: "mentee@acme.test",
        role: "mentee",
        answers: { track: "backend", interests: ["b", "a"] },
        profile: { skillsWanted: [{ skill: "typescript", level: 3 }], careerGoals: "Lead a team" },
      },
      { email: "left@acme.test", role: "mentee", status: "left" },
    ]);
  });
  afterAll(() => t.close());

  it("lists active enrolments with their profiles and maps them to matcher participants", async () => {
    const rows = await t.deps.repos.participants.listActive(orgId, programme.id);
    expect(rows.map((row) => row.userId).sort()).toEqual(
      [ids["mentor@acme.test"], ids["mentee@acme.test"]].sort(),
    );
    const matcher = toMatcherProgramme(rows, await t.deps.repos.participants.pairs(orgId, programme.id));
    const mentor = matcher.participants.find((p) => p.id === ids["mentor@acme.test"]);
    const mentee = matcher.participants.find((p) => p.id === ids["mentee@acme.test"]);
    expect(mentor).toMatchObject({
      role: "mentor",
      mentorCapacity: 2,
      skillsOffered: [{ skill: "typescript", level: 5 }],
      timeZone: "Europe/London",
      jobRole: "Staff engineer",
    });
    expect(mentee).toMatchObject({
      role: "mentee",
      mentorCapacity: 0,
      goals: "Lead a team",
      answers: { track: "backend", interests: "a|b" },
    });
  });

  it("reports pairs running in the programme and pairs that met before", async () => {
    const [mentorId, menteeId] = [ids["mentor@acme.test"], ids["mentee@acme.test"]] as never[];
    const relationship = await t.deps.repos.relationships.create({
      orgId,
      programmeId: programme.id,
      menteeId,
      mentorId,
      origin: "admin",
      endsOn: programme.endsOn,
      actorId: null,
    });
    expect(relationship.status).toBe("proposed");
    expect(await t.deps.repos.participants.pairs(orgId, programme.id)).toEqual({
      existing: [[menteeId, mentorId]],
      earlier: [],
    });
  });
});
