import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonProfile, ProfileInput } from "../../contracts/profiles.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import {
  PROFILE_SECTIONS,
  type ProfileSection,
  type VisibilityLevel,
} from "../../core/profiles/profile-rules.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import { profileSamples } from "../testing/samples/profiles.samples.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  inviteAndAccept,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";

const sample = profileSamples.updateMyProfile as ProfileInput;

/**
 * Ana is a mentor in the Developer cohort. Pete is a mentee there (shares a programme with her);
 * Lena left it (shares nothing any more); Quinn is in another programme; Olga is in none; Adam is
 * an admin in none. Each of Ana's sections is set to each level in turn.
 */
describe("who sees which part of a profile", () => {
  let t: TestApp;
  let orgId: OrgId;
  let ids: Record<string, UserId>;
  const viewers: Record<string, Caller> = {};
  let ana: Caller;
  let orgB: OrgId;
  let ownerB: Caller;
  let memberOfB: UserId;

  const view = (caller: Caller, userId: string, org: string = orgId) =>
    t.app.inject({
      method: "GET",
      url: `/api/orgs/${org}/people/${userId}/profile`,
      headers: caller.headers,
    });
  const setVisibility = async (visibility: Partial<Record<ProfileSection, VisibilityLevel>>) => {
    const response = await t.app.inject({
      method: "PUT",
      url: `/api/orgs/${orgId}/profile`,
      headers: ana.headers,
      payload: { ...sample, careerGoals: "Lead a team", visibility },
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  const sectionsSeen = async (viewer: Caller) => {
    const response = await view(viewer, ids["ana@acme.test"]);
    expect(response.statusCode, response.body).toBe(200);
    const profile = response.json() as PersonProfile;
    expect(profile.name).toBe("Ana Mentor");
    return PROFILE_SECTIONS.filter((section) => profile[section] !== null);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    const cohort = await createProgramme(t, orgId);
    const other = await createProgramme(t, orgId, { name: "Career mentoring" });
    ids = {
      ...(await addPeople(t, orgId, cohort.id, [
        { email: "ana@acme.test", name: "Ana Mentor", role: "mentor" },
        { email: "pete@acme.test", name: "Pete Peer", role: "mentee" },
        { email: "lena@acme.test", name: "Lena Left", role: "mentee", status: "left" },
      ])),
      ...(await addPeople(t, orgId, other.id, [{ email: "quinn@acme.test", role: "mentee" }])),
      ...(await addPeople(t, orgId, null, [{ email: "olga@acme.test" }])),
    };
    ana = await signInFixture(t, "ana@acme.test");
    for (const name of ["pete", "lena", "quinn", "olga"])
      viewers[name] = await signInFixture(t, `${name}@acme.test`);
    viewers.adam = await inviteAndAccept(t, owner, orgId, {
      email: "adam@acme.test",
      role: "admin",
      name: "Adam",
    });
    viewers.ana = ana;
    const b = await createSecondOrganisation(t);
    orgB = b.orgId;
    ownerB = b.owner;
    memberOfB = (await addPeople(t, orgB, null, [{ email: "bea@beta.test" }]))["bea@beta.test"];
  });
  afterAll(() => t.close());

  it("by default everyone in the organisation sees all but the career goals, which the programme sees", async () => {
    await setVisibility({});
    const all = [...PROFILE_SECTIONS];
    const withoutGoals = all.filter((section) => section !== "goals");
    expect(await sectionsSeen(viewers.olga)).toEqual(withoutGoals);
    expect(await sectionsSeen(viewers.quinn)).toEqual(withoutGoals);
    expect(await sectionsSeen(viewers.lena)).toEqual(withoutGoals);
    expect(await sectionsSeen(viewers.pete)).toEqual(all);
    expect(await sectionsSeen(viewers.adam)).toEqual(all);
    expect(await sectionsSeen(ana)).toEqual(all);
  });

  const expected: Record<VisibilityLevel, string[]> = {
    organisation: ["ana", "adam", "pete", "lena", "quinn", "olga"],
    programme: ["ana", "adam", "pete"],
    admins: ["ana", "adam"],
  };

  for (const section of PROFILE_SECTIONS) {
    for (const level of ["organisation", "programme", "admins"] as const) {
      it(`${section} set to "${level}" is seen by ${expected[level].join(", ")} only`, async () => {
        // Every other section at the widest level, so only this one varies.
        const visibility = Object.fromEntries(
          PROFILE_SECTIONS.map((other) => [other, other === section ? level : "organisation"]),
        );
        await setVisibility(visibility);
        for (const [name, caller] of Object.entries(viewers)) {
          const seen = await sectionsSeen(caller);
          expect(seen.includes(section), `${name} sees ${section} at ${level}`).toBe(
            expected[level].includes(name),
          );
          expect(seen.length, `${name} sees the other sections`).toBeGreaterThanOrEqual(
            PROFILE_SECTIONS.length - 1,
          );
        }
      });
    }
  }

  it("a visible section carries its fields; a hidden one is null, with nothing of it anywhere", async () => {
    await setVisibility({ goals: "admins", work: "programme" });
    const seenByOlga = (await view(viewers.olga, ids["ana@acme.test"])).json() as PersonProfile;
    expect(seenByOlga).toMatchObject({
      about: { headline: sample.headline, jobTitle: sample.jobTitle, links: sample.links, photo: null },
      skills: { skillsOffered: sample.skillsOffered, topics: sample.topics, yearsExperience: 10 },
      availability: { timeZone: "Europe/Berlin", slots: sample.availability },
      work: null,
      goals: null,
      visibility: null,
    });
    const text = JSON.stringify(seenByOlga);
    // (The location is in the work section; the time zone also travels with the availability.)
    for (const secret of ["Lead a team", sample.department, '"location"', '"manager"'])
      expect(text).not.toContain(secret);

    const seenByPete = (await view(viewers.pete, ids["ana@acme.test"])).json() as PersonProfile;
    expect(seenByPete.work).toMatchObject({
      department: "Platform",
      location: "Berlin",
      languages: ["en", "de"],
    });
    expect(seenByPete.goals).toBeNull();
  });

  it("the owner and admins also get the visibility map", async () => {
    await setVisibility({ goals: "admins" });
    for (const caller of [ana, viewers.adam]) {
      expect((await view(caller, ids["ana@acme.test"])).json().visibility).toMatchObject({ goals: "admins" });
    }
  });

  it("someone who has not saved a profile shows empty sections with the defaults", async () => {
    const olga = (await view(viewers.pete, ids["olga@acme.test"])).json() as PersonProfile;
    expect(olga.name).toBe("olga");
    expect(olga.about).toMatchObject({ headline: "", photo: null });
    expect(olga.goals).toBeNull();
  });

  it("an unknown id, a deactivated member, or someone of another organisation is a 404", async () => {
    await t.deps.repos.organisations.updateMember(orgId, ids["lena@acme.test"], {
      role: "member",
      status: "deactivated",
    });
    for (const userId of [
      "00000000-0000-4000-8000-00000000beef",
      ids["lena@acme.test"],
      memberOfB,
      ownerB.me.user.id,
    ]) {
      const response = await view(viewers.adam, userId);
      expect(response.statusCode, userId).toBe(404);
      expect(response.json().error.code).toBe("not_found");
    }
  });

  it("another organisation's people cannot look into this one, with real ids either way (404)", async () => {
    expect((await view(ownerB, ids["ana@acme.test"])).statusCode).toBe(404);
    expect((await view(ownerB, ids["ana@acme.test"], orgB)).statusCode).toBe(404);
    expect((await view(viewers.adam, memberOfB, orgB)).statusCode).toBe(404);
    expect((await view(ownerB, memberOfB, orgB)).statusCode).toBe(200);
  });
});
