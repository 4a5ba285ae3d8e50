import type { PublishResult } from "../../contracts/bulk-matching.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import { publishProblems } from "../../core/bulk-matching/draft-edits.ts";
import { canTransition } from "../../core/programmes/programme-status.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import type { DomainEvent } from "../../contracts/events.ts";
import { recordEvents } from "../events/record-events.ts";
import { startRelationship } from "../relationships/start-relationship.ts";
import { presentRunNow } from "./read-match-run.ts";
import type { RunRegistry } from "./run-registry.ts";

const DETAILS_SHOWN = 20;
/** Up to this many emails go out before the answer; a larger publish sends them after it. */
export const EMAILS_BEFORE_ANSWER = 200;

/**
 * Publishes a draft in one transaction: the programme and run rows are locked and the run moves
 * from "draft" to "published" only once (two clicks, or two instances, publish once); the
 * programme's active enrolments are locked and each pair is checked against live relationships
 * (capacity, a mentee matched meanwhile, someone who left), refusing the whole publish with the
 * problems named; then a relationship starts for every pair (startRelationship, as accepting a
 * request does), the programme moves to "running" where the transition table allows it
 * (registration open, matching), and both sides of every
 * pair get a notification. The emails go after the commit: before the answer for a usual cohort,
 * after it (tracked, so shutdown waits) when there are more than EMAILS_BEFORE_ANSWER.
 */
export async function publishMatchRun(
  deps: ServerDeps,
  registry: RunRegistry,
  actor: Membership,
  programmeId: ProgrammeId,
  runId: string,
): Promise<PublishResult> {
  const { orgId } = actor;
  const outcome = await inTransaction(deps.db, async (repos) => {
    const programme = await repos.programmes.findForUpdate(orgId, programmeId);
    if (!programme) throw notFound("Matching run not found.");
    const run = await repos.matchRuns.findForUpdate(orgId, programmeId, runId);
    if (!run) throw notFound("Matching run not found.");
    if (run.status !== "draft")
      throw new AppError(
        "conflict",
        run.status === "published"
          ? "This draft is already published."
          : `Only a draft can be published; this run is ${run.status}.`,
      );
    const ref = { orgId, runId };
    const pairs = await repos.matchRunPairs.allPairs(ref);
    if (pairs.length === 0) throw new AppError("domain_rule", "The draft has no pairs to publish.");
    const enrolments = await repos.matchRuns.activeEnrolmentsForUpdate(orgId, programmeId);
    const live = await repos.matchRuns.livePairs(orgId, programmeId);
    const names = await repos.matchRuns.names(orgId, [
      ...new Set(pairs.flatMap((pair) => [pair.menteeId, pair.mentorId])),
    ]);
    const name = (id: string) => names.get(id) ?? "A former member";
    const liveByMentor = new Map<string, number>();
    for (const [, mentorId] of live) liveByMentor.set(mentorId, (liveByMentor.get(mentorId) ?? 0) + 1);
    const problems = publishProblems({
      pairs,
      enrolments: new Map(
        enrolments.map((e) => [
          e.userId,
          { canMentor: e.role !== "mentee", canBeMentored: e.role !== "mentor", capacity: e.mentorCapacity },
        ]),
      ),
      liveByMentor,
      menteesWithLive: new Set(live.map(([menteeId]) => menteeId)),
      name,
    });
    if (problems.length > 0)
      throw new AppError(
        "conflict",
        `${problems.length} ${problems.length === 1 ? "pair no longer fits" : "pairs no longer fit"} the programme as it is now: ${problems[0].message} Change or remove ${problems.length === 1 ? "it" : "them"}, then publish.`,
        problems.slice(0, DETAILS_SHOWN).map((p) => ({ path: `pairs.${p.menteeId}`, message: p.message })),
      );
    const notices: DomainEvent[] = [];
    const capacityOf = new Map(enrolments.map((e) => [e.userId, e.mentorCapacity]));
    for (const pair of pairs) {
      const mentorLive = liveByMentor.get(pair.mentorId) ?? 0;
      const started = await startRelationship(repos, {
        programme,
        menteeId: pair.menteeId as UserId,
        mentorId: pair.mentorId as UserId,
        actorId: actor.userId,
        mentorCapacity: capacityOf.get(pair.mentorId) ?? 0,
        mentorLive,
        cause: {
          kind: "match_run",
          runId,
          score: pair.score,
          menteeName: name(pair.menteeId),
          mentorName: name(pair.mentorId),
        },
      });
      // publishProblems refused every pair over capacity above, under the same locks.
      if (started.kind === "at_capacity")
        throw new AppError("conflict", `${name(pair.mentorId)} has no room for another mentee.`);
      liveByMentor.set(pair.mentorId, mentorLive + 1);
      notices.push(...started.events);
    }
    const now = deps.now();
    if (!(await repos.matchRuns.transition(ref, "draft", "published", { publishedAt: now })))
      throw new AppError("conflict", "This draft is already published.");
    // The programme row is locked above; it starts only where the table allows (registration open,
    // matching), stamped with the server's clock.
    let programmeStatus = programme.status;
    if (canTransition(programme.status, "running")) {
      const started = await repos.programmes.update(orgId, programmeId, {
        status: "running",
        updatedAt: now,
      });
      programmeStatus = started?.status ?? programmeStatus;
    }
    // The events repository inserts in slices (10,000 at once would pass PostgreSQL's 65,535 parameters).
    await recordEvents(repos, notices);
    const published = (await repos.matchRuns.find(orgId, programmeId, runId))!;
    return { notices, programmeStatus, run: await presentRunNow(repos, published), created: pairs.length };
  });
  // A small publish is delivered (notifications and queued emails) before the answer; a large one
  // in the background, tracked so shutdown waits for it (the outbox keeps it across a crash).
  const emailCount = outcome.notices.length * 2;
  const delivery = deps.events.drain();
  if (emailCount <= EMAILS_BEFORE_ANSWER) await delivery;
  else registry.background(delivery.then(() => {}));
  return {
    run: outcome.run,
    relationshipsCreated: outcome.created,
    peopleNotified: new Set(
      outcome.notices.flatMap((event) =>
        event.kind === "relationship.proposed" ? [event.payload.menteeId, event.payload.mentorId] : [],
      ),
    ).size,
    programmeStatus: outcome.programmeStatus,
    emails: emailCount <= EMAILS_BEFORE_ANSWER ? "sent" : "sending",
  };
}
