import { and, eq, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../core/accounts/types.ts";
import { DEFAULT_MATCH_CONFIG } from "../core/programmes/matcher-input.ts";
import type { ProgrammeRecord, RelationshipStatus, RequestStatus } from "../core/programmes/types.ts";
import type { Database, Repositories } from "../db/index.ts";
import {
  addDays,
  categoryOf,
  demoProfile,
  GOALS,
  isoDate,
  pick,
  type Random,
  SHARED_SKILLS,
  SKILLS,
} from "./demo-profiles.ts";
import {
  agreements,
  domainEvents,
  mentoringRequests,
  orgSkills,
  profiles,
  relationships,
} from "../db/schema.ts";

export interface DemoPerson {
  id: UserId;
  name: string;
}

/**
 * Two programmes for the demo organisation: a running 12-week developer cohort (matched in bulk,
 * relationships in every state) and an evergreen career programme open for self-match (requests
 * in every state). `mentors` and `mentees` are existing members; each gets a profile.
 */
export async function seedDemoProgrammes(
  db: Database,
  repos: Repositories,
  input: {
    orgId: OrgId;
    adminId: UserId;
    mentors: DemoPerson[];
    mentees: DemoPerson[];
    random: Random;
    now: Date;
    /** The demo mentor persona: also a career mentor with one request waiting for an answer. */
    personaMentor?: DemoPerson;
  },
): Promise<{ programmes: ProgrammeRecord[]; relationships: number; requests: number }> {
  const { orgId, random, now } = input;
  const skillNames = [...new Set([...Object.values(SKILLS).flat(), ...SHARED_SKILLS])].sort();
  await db
    .insert(orgSkills)
    .values(skillNames.map((name) => ({ orgId, name, category: categoryOf(name) })))
    .onConflictDoNothing();

  for (const [side, people] of [
    ["mentor", input.mentors],
    ["mentee", input.mentees],
  ] as const) {
    for (const person of people) {
      await db
        .insert(profiles)
        .values({ orgId, userId: person.id, ...demoProfile(random, side) })
        .onConflictDoNothing();
    }
  }

  const cohort = await repos.programmes.insert({
    orgId,
    name: "Developer cohort — autumn 2026",
    description:
      "Twelve weeks pairing developers early in their careers with senior engineers. Goals in GROW form, fortnightly sessions.",
    type: "one_to_one",
    status: "running",
    template: "developer-cohort",
    startsOn: isoDate(addDays(now, -28)),
    endsOn: isoDate(addDays(now, 56)),
    rolesOffered: ["mentee", "mentor"],
    defaultMentorCapacity: 2,
    matchingMode: "admin",
    matchConfig: DEFAULT_MATCH_CONFIG as never,
    registrationForm: [
      {
        id: "track",
        kind: "single_choice",
        label: "Which track are you in?",
        required: true,
        usedInMatching: true,
        options: ["Frontend", "Backend", "Platform", "Data"],
      },
      {
        id: "confidence",
        kind: "scale",
        label: "How confident do you feel in your role?",
        required: false,
        usedInMatching: false,
        min: 1,
        max: 5,
      },
    ],
    createdBy: input.adminId,
  });
  const career = await repos.programmes.insert({
    orgId,
    name: "Career mentoring",
    description:
      "An evergreen programme: choose a mentor from anywhere in the company for three to six months of career conversations.",
    type: "one_to_one",
    status: "registration_open",
    template: "career-mentoring",
    evergreen: true,
    rolesOffered: ["mentee", "mentor"],
    defaultMentorCapacity: 3,
    matchingMode: "self",
    matchConfig: DEFAULT_MATCH_CONFIG as never,
    createdBy: input.adminId,
  });

  // Split people between the programmes: about 60% of each side in the cohort, the rest in career.
  const split = <T>(items: T[]) => {
    const cut = Math.round(items.length * 0.6);
    return [items.slice(0, cut), items.slice(cut)];
  };
  const [cohortMentors, careerMentors] = split(input.mentors);
  const [cohortMentees, careerMentees] = split(input.mentees);
  const tracks = ["Frontend", "Backend", "Platform", "Data"];
  for (const [programme, mentors, mentees] of [
    [cohort, cohortMentors, cohortMentees],
    [career, careerMentors, careerMentees],
  ] as const) {
    for (const mentor of mentors) {
      await repos.enrolments.insert({
        orgId,
        programmeId: programme.id,
        userId: mentor.id,
        role: "mentor",
        mentorCapacity: programme === cohort ? 2 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3),
        answers: programme === cohort ? { track: pick(random, tracks) } : {},
        source: "admin",
      });
    }
    for (const [index, mentee] of mentees.entries()) {
      await repos.enrolments.insert({
        orgId,
        programmeId: programme.id,
        userId: mentee.id,
        role: "mentee",
        mentorCapacity: 0,
        status: index % 17 === 16 ? "paused" : "active",
        answers:
          programme === cohort
            ? { track: pick(random, tracks), confidence: 1 + Math.floor(random() * 5) }
            : {},
        source: programme === cohort ? "import" : "self",
      });
    }
  }

  // Cohort relationships in every state, published from a bulk match.
  const states: RelationshipStatus[] = [
    "active",
    "active",
    "active",
    "proposed",
    "paused",
    "completed",
    "ended_early",
  ];
  let relationshipCount = 0;
  const pairs = Math.min(cohortMentees.length, cohortMentors.length * 2);
  for (let k = 0; k < pairs; k++) {
    const status = states[k % states.length];
    const mentee = cohortMentees[k];
    const mentor = cohortMentors[k % cohortMentors.length];
    await startRelationship(db, repos, {
      orgId,
      programme: cohort,
      menteeId: mentee.id,
      mentorId: mentor.id,
      status,
      origin: "bulk",
      actorId: input.adminId,
      now,
      daysAgo: 27 - (k % 10),
      random,
    });
    relationshipCount++;
  }

  // Career programme requests in every state; accepted ones have become relationships.
  const requestStates: RequestStatus[] = [
    "pending",
    "pending",
    "needs_info",
    "accepted",
    "declined",
    "withdrawn",
    "expired",
  ];
  let requestCount = 0;
  for (const [k, mentee] of careerMentees.entries()) {
    const status = requestStates[k % requestStates.length];
    const mentor = careerMentors[k % careerMentors.length];
    const createdAt = addDays(now, -(2 + (k % 12)));
    const answered = status !== "pending" && status !== "expired";
    // Answered a day or more after it was sent, never later than yesterday.
    const respondedAt = answered
      ? addDays(createdAt, Math.min(1 + (k % 3), (now.getTime() - createdAt.getTime()) / 86_400_000 - 1))
      : null;
    const [request] = await db
      .insert(mentoringRequests)
      .values({
        orgId,
        programmeId: career.id,
        menteeId: mentee.id,
        mentorId: mentor.id,
        status,
        goal: pick(random, GOALS),
        reality: "I have started reading about it and tried a few things at work, but I lack feedback.",
        options: "Pair on a real piece of work, review my plans, or recommend what to read.",
        will: "I will bring an agenda to every session and try one new thing between sessions.",
        expectations: { cadence: "fortnightly", formats: ["video"], minutesPerMonth: 120 },
        infoQuestion:
          status === "needs_info" ? "Which team are you in, and what have you tried so far?" : null,
        closeReason:
          status === "declined"
            ? "I am fully booked this quarter."
            : status === "withdrawn"
              ? "matched with another mentor"
              : null,
        createdAt,
        updatedAt: createdAt,
        respondedAt,
        expiresAt: status === "expired" ? addDays(now, -1) : addDays(createdAt, career.requestExpiryDays),
      })
      .returning({ id: mentoringRequests.id });
    requestCount++;
    if (status === "accepted") {
      await startRelationship(db, repos, {
        orgId,
        programme: career,
        menteeId: mentee.id,
        mentorId: mentor.id,
        status: k % 2 === 0 ? "active" : "proposed",
        origin: "request",
        requestId: request.id,
        actorId: mentor.id,
        now,
        // The pair starts when the mentor accepted.
        daysAgo: (now.getTime() - (respondedAt ?? createdAt).getTime()) / 86_400_000,
        random,
      });
      relationshipCount++;
    }
  }
  const asker = careerMentees[careerMentees.length - 1];
  if (input.personaMentor && asker) {
    // So the mentor persona's Home has a request to answer, as a real mentor's would.
    await repos.enrolments.insert({
      orgId,
      programmeId: career.id,
      userId: input.personaMentor.id,
      role: "mentor",
      mentorCapacity: 2,
      answers: {},
      source: "admin",
    });
    const createdAt = addDays(now, -3);
    await db.insert(mentoringRequests).values({
      orgId,
      programmeId: career.id,
      menteeId: asker.id,
      mentorId: input.personaMentor.id,
      status: "pending",
      goal: "Grow from senior engineer to tech lead within a year.",
      reality: "I lead small pieces of work but have never run a team's planning.",
      options: "Shadow a planning session, review my proposals, talk through hard conversations.",
      will: "I will bring one real situation to every session.",
      expectations: { cadence: "fortnightly", formats: ["video"], minutesPerMonth: 120 },
      createdAt,
      updatedAt: createdAt,
      expiresAt: addDays(createdAt, career.requestExpiryDays),
    });
    requestCount++;
  }
  return { programmes: [cohort, career], relationships: relationshipCount, requests: requestCount };
}

/** A relationship as the product would have made it, moved on to `status` with its history. */
async function startRelationship(
  db: Database,
  repos: Repositories,
  input: {
    orgId: OrgId;
    programme: ProgrammeRecord;
    menteeId: UserId;
    mentorId: UserId;
    status: RelationshipStatus;
    origin: "bulk" | "request";
    requestId?: string;
    actorId: UserId;
    now: Date;
    daysAgo: number;
    random: Random;
  },
): Promise<void> {
  const { now, status } = input;
  const start = addDays(now, -input.daysAgo);
  // Events fall in order between the start and now: a pair that started only days ago has its
  // history squeezed into those days rather than dated in the future.
  const scale = Math.min(1, Math.max(0, input.daysAgo - 0.5) / 21);
  const after = (days: number) => addDays(start, days * scale);
  const relationship = await repos.relationships.create({
    orgId: input.orgId,
    programmeId: input.programme.id,
    menteeId: input.menteeId,
    mentorId: input.mentorId,
    origin: input.origin,
    requestId: (input.requestId ?? null) as never,
    score: 6000 + Math.floor(input.random() * 3500),
    endsOn: input.programme.endsOn ?? isoDate(addDays(start, 180)),
    fitCheckDueOn: isoDate(addDays(start, 21)),
    actorId: input.actorId,
    agreement: { cadence: "fortnightly", formats: ["video", "messaging"], minutesPerMonth: 120 },
  });
  // The match was made on its start day, so "started the match" comes first in the history.
  await db
    .update(domainEvents)
    .set({ occurredAt: start })
    .where(
      and(
        eq(domainEvents.subjectId, relationship.id),
        eq(domainEvents.kind, "relationship.changed"),
        sql`${domainEvents.payload}->>'change' = 'created'`,
      ),
    );
  await db
    .update(relationships)
    .set({ createdAt: start, lastActivityAt: start })
    .where(eq(relationships.id, relationship.id));
  if (status === "proposed") return;
  const events: { kind: string; from: string; to: string; actor: UserId; detail: string | null; at: Date }[] =
    [
      {
        kind: "activated",
        from: "proposed",
        to: "active",
        actor: input.menteeId,
        detail: null,
        at: after(2),
      },
    ];
  if (status === "paused")
    events.push({
      kind: "paused",
      from: "active",
      to: "paused",
      actor: input.menteeId,
      detail: "On holiday for two weeks",
      at: after(14),
    });
  if (status === "completed")
    events.push({
      kind: "completed",
      from: "active",
      to: "completed",
      actor: input.mentorId,
      detail: null,
      at: after(20),
    });
  if (status === "ended_early")
    events.push({
      kind: "ended_early",
      from: "active",
      to: "ended_early",
      actor: input.menteeId,
      detail: "fit check: our schedules never lined up",
      at: after(18),
    });
  await db
    .update(agreements)
    .set({
      firstGoals: ["Agree a learning plan", "Meet every two weeks"],
      menteeConfirmedVersion: 1,
      mentorConfirmedVersion: 1,
    })
    .where(eq(agreements.relationshipId, relationship.id));
  for (const event of events) {
    await repos.relationshipHistory.addEvent(
      input.orgId,
      relationship.id,
      {
        kind: event.kind,
        fromStatus: event.from as RelationshipStatus,
        toStatus: event.to as RelationshipStatus,
        actorId: event.actor,
        detail: event.detail,
      },
      event.at,
    );
  }
  const last = events[events.length - 1];
  const ended = status === "completed" || status === "ended_early";
  await db
    .update(relationships)
    .set({
      status,
      startedAt: after(2),
      endedAt: ended ? last.at : null,
      endedBy: ended ? last.actor : null,
      endReason: status === "ended_early" ? last.detail : null,
      // A pair ended at its fit check: the mentee's answer and note stay on the relationship page.
      ...(status === "ended_early"
        ? {
            fitCheckDueOn: isoDate(last.at),
            fitCheck: {
              [input.menteeId]: {
                answer: "end",
                at: last.at.toISOString(),
                note: "We never managed to meet: our schedules never lined up.",
              },
            } as unknown as (typeof relationships.$inferInsert)["fitCheck"],
          }
        : {}),
      // Never before the last event of the history.
      lastActivityAt: new Date(
        Math.max(last.at.getTime(), addDays(now, -Math.floor(input.random() * 20)).getTime()),
      ),
    })
    .where(eq(relationships.id, relationship.id));
}
