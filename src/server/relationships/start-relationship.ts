import type { DomainEvent } from "../../contracts/events.ts";
import type { UserId } from "../../core/accounts/types.ts";
import { draftAgreement, type RequestExpectations } from "../../core/relationships/agreement.ts";
import { hasRoom } from "../../core/relationships/relationship-status.ts";
import type { ProgrammeRecord, RequestId } from "../../core/programmes/types.ts";
import type { Repositories } from "../../db/index.ts";
import type { RelationshipRecord } from "../../db/repositories/relationships.repository.ts";
import type { NoticeRequest } from "../requests/request-notices.ts";
import { requestEvents } from "../requests/request-events.ts";

/** Why a pair starts: a mentor accepted a request, or a manager published a matching run. */
export type StartCause =
  | {
      kind: "request";
      requestId: RequestId;
      expectations: RequestExpectations;
      goal: string;
      notice: NoticeRequest;
    }
  | { kind: "match_run"; runId: string; score: number | null; menteeName: string; mentorName: string };

export interface StartRelationshipInput {
  programme: Pick<ProgrammeRecord, "id" | "orgId" | "name" | "evergreen" | "endsOn">;
  menteeId: UserId;
  mentorId: UserId;
  /** Who made it happen (the accepting mentor, the publishing manager). */
  actorId: UserId;
  mentorCapacity: number;
  /**
   * The mentor's live pairs in the programme, when the caller already holds them (a publish
   * counts every mentor's at once); otherwise they are counted here.
   */
  mentorLive?: number;
  cause: StartCause;
}

export type StartOutcome =
  | { kind: "started"; relationship: RelationshipRecord; events: DomainEvent[] }
  | { kind: "at_capacity"; live: number; capacity: number };

/**
 * Starts one mentoring relationship, the only way a pair begins (accepting a request, publishing a
 * match): the mentor must have room (core hasRoom against their live pairs), the relationship is
 * created "proposed" with its first agreement draft (core draftAgreement), and the events to
 * record are returned for the caller to record with its others in the same transaction. The
 * caller holds the locks (the mentor's enrolment row, or every enrolment of the programme), so the
 * count cannot change before the insert.
 */
export async function startRelationship(
  repos: Repositories,
  input: StartRelationshipInput,
): Promise<StartOutcome> {
  const { programme, menteeId, mentorId, cause } = input;
  const live =
    input.mentorLive ?? (await repos.livePairs.countLiveAsMentor(programme.orgId, programme.id, mentorId));
  if (!hasRoom(input.mentorCapacity, live))
    return { kind: "at_capacity", live, capacity: input.mentorCapacity };
  const draft = draftAgreement(
    programme,
    cause.kind === "request" ? { expectations: cause.expectations, goal: cause.goal } : undefined,
  );
  const relationship = await repos.relationships.create({
    orgId: programme.orgId,
    programmeId: programme.id,
    menteeId,
    mentorId,
    origin: cause.kind === "request" ? "request" : "bulk",
    ...(cause.kind === "request"
      ? { requestId: cause.requestId }
      : { matchRunId: cause.runId, score: cause.score }),
    endsOn: draft.endsOn,
    actorId: input.actorId,
    ...(cause.kind === "request" ? { agreement: draft.terms } : {}),
  });
  const events: DomainEvent[] =
    cause.kind === "request"
      ? requestEvents.accepted(cause.notice, relationship.id)
      : [
          {
            kind: "relationship.proposed",
            orgId: programme.orgId,
            actorId: input.actorId,
            subjectId: relationship.id,
            payload: {
              relationshipId: relationship.id,
              menteeId,
              mentorId,
              menteeName: cause.menteeName,
              mentorName: cause.mentorName,
              programmeName: programme.name,
            },
          },
        ];
  return { kind: "started", relationship, events };
}
