import { readNotifications } from "../testing/read-notifications.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import type { FormQuestion } from "../../core/programmes/registration-form.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import { type Caller, createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";

const form: FormQuestion[] = [
  {
    id: "track",
    kind: "single_choice",
    label: "Track",
    required: true,
    usedInMatching: true,
    options: ["frontend", "backend"],
  },
  { id: "confidence", kind: "scale", label: "Confidence", required: false, usedInMatching: false },
  {
    id: "offer",
    kind: "text",
    label: "What can you offer?",
    required: true,
    usedInMatching: false,
    audience: "mentor",
  },
];

describe("registering for a programme (a member's own place)", () => {
  let t: TestApp;
  let orgId: OrgId;
  let owner: Caller;
  let open: ProgrammeRecord;
  const callers: Record<string, Caller> = {};

  const url = (programmeId: string, suffix = "") =>
    `/api/orgs/${orgId}/programmes/${programmeId}/enrolment${suffix}`;
  const call = (
    caller: Caller,
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    payload?: object,
  ) => t.app.inject({ method, url: path, headers: caller.headers, ...(payload ? { payload } : {}) });
  const detailPaths = (response: { json(): unknown }) =>
    ((response.json() as { error: { details?: { path: string }[] } }).error.details ?? []).map(
      (detail) => detail.path,
    );

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    open = await createProgramme(t, orgId, {
      name: "Spring cohort",
      status: "registration_open",
      registrationForm: form,
      defaultMentorCapacity: 2,
    });
    await addPeople(t, orgId, null, [
      { email: "mia@acme.test", name: "Mia Mentee" },
      { email: "max@acme.test", name: "Max Mentor" },
      { email: "bo@acme.test", name: "Bo Both" },
      { email: "lee@acme.test", name: "Lee Leaver" },
      { email: "racer@acme.test", name: "Rae Racer" },
    ]);
    for (const email of [
      "mia@acme.test",
      "max@acme.test",
      "bo@acme.test",
      "lee@acme.test",
      "racer@acme.test",
    ])
      callers[email] = await signInFixture(t, email);
  });
  afterAll(() => t.close());

  it("shows the programme as a member registers for it, with no place yet", async () => {
    const response = await call(callers["mia@acme.test"], "GET", url(open.id));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      programme: {
        id: open.id,
        name: "Spring cohort",
        registrationOpen: true,
        rolesOffered: ["mentee", "mentor", "both"],
        defaultMentorCapacity: 2,
        requiresApproval: false,
        registrationForm: [{ id: "track" }, { id: "confidence" }, { id: "offer", audience: "mentor" }],
      },
      enrolment: null,
    });
  });

  it("registers a mentee (capacity 0) and a mentor (the programme's default capacity), active at once", async () => {
    const mentee = await call(callers["mia@acme.test"], "POST", url(open.id), {
      role: "mentee",
      answers: [
        { questionId: "track", value: "backend" },
        { questionId: "confidence", value: 3 },
      ],
    });
    expect(mentee.statusCode, mentee.body).toBe(201);
    expect(mentee.json()).toMatchObject({
      role: "mentee",
      status: "active",
      mentorCapacity: 0,
      source: "self",
      answersComplete: true,
      answers: [
        { questionId: "track", value: "backend" },
        { questionId: "confidence", value: 3 },
      ],
    });
    const mentor = await call(callers["max@acme.test"], "POST", url(open.id), {
      role: "mentor",
      answers: [
        { questionId: "track", value: "frontend" },
        { questionId: "offer", value: "Code review" },
      ],
    });
    expect(mentor.statusCode, mentor.body).toBe(201);
    expect(mentor.json()).toMatchObject({ role: "mentor", mentorCapacity: 2, status: "active" });
    const mine = await call(callers["max@acme.test"], "GET", url(open.id));
    expect(mine.json().enrolment).toMatchObject({ id: mentor.json().id, role: "mentor" });
  });

  it("refuses answers that do not fit the form, naming body.answers.<questionId>", async () => {
    const caller = callers["bo@acme.test"];
    const cases: [object, string[]][] = [
      [{ role: "mentee" }, ["body.answers.track"]],
      [{ role: "mentee", answers: [{ questionId: "track", value: "design" }] }, ["body.answers.track"]],
      [
        {
          role: "mentee",
          answers: [
            { questionId: "track", value: "backend" },
            { questionId: "confidence", value: 9 },
          ],
        },
        ["body.answers.confidence"],
      ],
      [
        {
          role: "mentee",
          answers: [
            { questionId: "track", value: "backend" },
            { questionId: "ghost", value: "x" },
          ],
        },
        ["body.answers.ghost"],
      ],
      [
        {
          role: "mentee",
          answers: [
            { questionId: "track", value: "backend" },
            { questionId: "track", value: "frontend" },
          ],
        },
        ["body.answers.track"],
      ],
      // A mentor must also answer the mentor-only question.
      [{ role: "mentor", answers: [{ questionId: "track", value: "backend" }] }, ["body.answers.offer"]],
      [
        { role: "mentee", mentorCapacity: 3, answers: [{ questionId: "track", value: "backend" }] },
        ["body.mentorCapacity"],
      ],
      [{ role: "boss" }, ["body.role"]],
      [{ role: "mentor", mentorCapacity: 51 }, ["body.mentorCapacity"]],
      [{ role: "mentor", mentorCapacity: 1.5 }, ["body.mentorCapacity"]],
      [{ role: "mentee", answers: "backend" }, ["body.answers"]],
      [{ role: "mentee", answers: [{ questionId: "bad id!", value: 1 }] }, ["body.answers.0.questionId"]],
    ];
    for (const [payload, paths] of cases) {
      const response = await call(caller, "POST", url(open.id), payload);
      expect(response.statusCode, `${JSON.stringify(payload)}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe("validation_failed");
      expect(detailPaths(response), JSON.stringify(payload)).toEqual(expect.arrayContaining(paths));
    }
    expect((await call(caller, "GET", url(open.id))).json().enrolment).toBeNull();
  });

  it("refuses a role the programme does not offer (400 on body.role) and closed registration (422)", async () => {
    const menteesOnly = await createProgramme(t, orgId, {
      status: "registration_open",
      rolesOffered: ["mentee"],
    });
    const mentor = await call(callers["bo@acme.test"], "POST", url(menteesOnly.id), { role: "mentor" });
    expect(mentor.statusCode).toBe(400);
    expect(detailPaths(mentor)).toEqual(["body.role"]);
    expect(
      (await call(callers["bo@acme.test"], "POST", url(menteesOnly.id), { role: "both" })).statusCode,
    ).toBe(400);

    const running = await createProgramme(t, orgId, { status: "running" });
    const closed = await call(callers["bo@acme.test"], "POST", url(running.id), { role: "mentee" });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error).toMatchObject({
      code: "domain_rule",
      message: "Registration for Developer cohort is closed.",
    });
    expect(
      (await call(callers["bo@acme.test"], "GET", url(running.id))).json().programme.registrationOpen,
    ).toBe(false);

    // Evergreen programmes keep registration open while running.
    const evergreen = await createProgramme(t, orgId, {
      status: "running",
      evergreen: true,
      startsOn: null,
      endsOn: null,
    });
    const joined = await call(callers["bo@acme.test"], "POST", url(evergreen.id), {
      role: "both",
      mentorCapacity: 1,
    });
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.json()).toMatchObject({ role: "both", mentorCapacity: 1 });
  });

  it("hides a draft from members (404) but not from admins", async () => {
    const draft = await createProgramme(t, orgId, { status: "draft" });
    const member = await call(callers["bo@acme.test"], "GET", url(draft.id));
    expect(member.statusCode).toBe(404);
    expect((await call(callers["bo@acme.test"], "POST", url(draft.id), { role: "mentee" })).statusCode).toBe(
      404,
    );
    const admin = await call(owner, "GET", url(draft.id));
    expect(admin.statusCode).toBe(200);
    expect(admin.json().programme.registrationOpen).toBe(false);
  });

  it("registering twice is a 409, also when two registrations race", async () => {
    const again = await call(callers["mia@acme.test"], "POST", url(open.id), {
      role: "mentee",
      answers: [{ questionId: "track", value: "backend" }],
    });
    expect(again.statusCode).toBe(409);
    const payload = { role: "mentee", answers: [{ questionId: "track", value: "backend" }] };
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => call(callers["racer@acme.test"], "POST", url(open.id), payload)),
    );
    expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it("changes answers (the whole set, checked) and capacity; a mentee has no capacity to change", async () => {
    const mentor = callers["max@acme.test"];
    const changed = await call(mentor, "PATCH", url(open.id), {
      answers: [
        { questionId: "track", value: "backend" },
        { questionId: "offer", value: "Pairing" },
      ],
      mentorCapacity: 4,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      mentorCapacity: 4,
      answers: [
        { questionId: "track", value: "backend" },
        { questionId: "offer", value: "Pairing" },
      ],
    });
    const missing = await call(mentor, "PATCH", url(open.id), {
      answers: [{ questionId: "track", value: "backend" }],
    });
    expect(missing.statusCode).toBe(400);
    expect(detailPaths(missing)).toEqual(["body.answers.offer"]);
    const empty = await call(mentor, "PATCH", url(open.id), {});
    expect(empty.statusCode).toBe(400);
    const menteeCapacity = await call(callers["mia@acme.test"], "PATCH", url(open.id), { mentorCapacity: 2 });
    expect(menteeCapacity.statusCode).toBe(400);
    expect(detailPaths(menteeCapacity)).toEqual(["body.mentorCapacity"]);
    const nobody = await call(callers["lee@acme.test"], "PATCH", url(open.id), { mentorCapacity: 2 });
    expect(nobody.statusCode).toBe(404);
  });

  it("pauses (optionally until a date), resumes, and refuses moves from the wrong state", async () => {
    const mentor = callers["max@acme.test"];
    const past = await call(mentor, "POST", url(open.id, "/pause"), { until: "2020-01-01" });
    expect(past.statusCode).toBe(400);
    expect(detailPaths(past)).toEqual(["body.until"]);
    const bad = await call(mentor, "POST", url(open.id, "/pause"), { until: "next week" });
    expect(bad.statusCode).toBe(400);
    const paused = await call(mentor, "POST", url(open.id, "/pause"), { until: "2099-08-31" });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ status: "paused", pausedUntil: "2099-08-31" });
    const twice = await call(mentor, "POST", url(open.id, "/pause"), {});
    expect(twice.statusCode).toBe(422);
    const resumed = await call(mentor, "POST", url(open.id, "/resume"));
    expect(resumed.json()).toMatchObject({ status: "active", pausedUntil: null });
    expect((await call(mentor, "POST", url(open.id, "/resume"))).statusCode).toBe(422);
    const indefinitely = await call(mentor, "POST", url(open.id, "/pause"), {});
    expect(indefinitely.json()).toMatchObject({ status: "paused", pausedUntil: null });
    expect((await call(mentor, "POST", url(open.id, "/resume"))).statusCode).toBe(200);
    expect((await call(callers["lee@acme.test"], "POST", url(open.id, "/resume"))).statusCode).toBe(404);
  });

  it("a pause whose date has come ends by itself (the periodic sweep)", async () => {
    const mentor = callers["max@acme.test"];
    await call(mentor, "POST", url(open.id, "/pause"), { until: "2099-01-01" });
    expect(await t.deps.repos.enrolments.resumeEndedPauses("2098-12-31")).toEqual([]);
    const resumed = await t.deps.repos.enrolments.resumeEndedPauses("2099-01-01");
    expect(resumed.map((row) => row.userId)).toEqual([callers["max@acme.test"].me.user.id]);
    expect((await call(mentor, "GET", url(open.id))).json().enrolment).toMatchObject({
      status: "active",
      pausedUntil: null,
    });
  });

  it("leaves, then may register again in the same place", async () => {
    const leaver = callers["lee@acme.test"];
    const payload = { role: "mentee", answers: [{ questionId: "track", value: "frontend" }] };
    const first = await call(leaver, "POST", url(open.id), payload);
    expect(first.statusCode).toBe(201);
    const left = await call(leaver, "DELETE", url(open.id));
    expect(left.statusCode).toBe(204);
    expect((await call(leaver, "GET", url(open.id))).json().enrolment.status).toBe("left");
    expect((await call(leaver, "DELETE", url(open.id))).statusCode).toBe(422);
    expect((await call(leaver, "PATCH", url(open.id), { answers: payload.answers })).statusCode).toBe(422);
    const back = await call(leaver, "POST", url(open.id), {
      ...payload,
      role: "mentor",
      answers: [...payload.answers, { questionId: "offer", value: "Time" }],
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({
      id: first.json().id,
      status: "active",
      role: "mentor",
      mentorCapacity: 2,
    });
  });

  it("waits for approval when the programme asks for it, and tells the admins in the app", async () => {
    const approval = await createProgramme(t, orgId, {
      name: "Leadership circle",
      status: "registration_open",
      requiresApproval: true,
    });
    const response = await call(callers["mia@acme.test"], "POST", url(approval.id), { role: "mentee" });
    expect(response.statusCode).toBe(201);
    expect(response.json().status).toBe("pending_approval");
    const notices = await readNotifications(t, orgId, owner.me.user.id as never, { limit: 10 });
    expect(notices.map((notice) => notice.title)).toContain("Mia Mentee registered for Leadership circle");
    // Pausing is for active places only.
    const pause = await call(callers["mia@acme.test"], "POST", url(approval.id, "/pause"), {});
    expect(pause.statusCode).toBe(422);
    expect(pause.json().error.message).toMatch(/waiting for approval/);
  });
});
