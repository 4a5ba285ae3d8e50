import type {
  Agreement,
  ManagedRelationship,
  MyRelationship,
  Relationship,
  RelationshipEvent,
} from "../../contracts/relationships.ts";
import type { UserId } from "../../core/accounts/types.ts";
import { hasConfirmed, isFitCheckDue, isoDay, type Side } from "../../core/relationships/agreement.ts";
import {
  availableActions,
  daysSince,
  isAgreementOpen,
  type RelationshipAction,
} from "../../core/relationships/relationship-status.ts";
import type { RelationshipRecord } from "../../db/index.ts";
import type { RelationshipEventRecord } from "../../db/repositories/relationship-history.repository.ts";
import type {
  AgreementRecord,
  RelationshipListRow,
  RelationshipView,
} from "../../db/repositories/relationships.repository.ts";
import type { ViewerRole } from "./relationships.policy.ts";

type FitAnswer = "good" | "end";

function fitAnswer(relationship: RelationshipRecord, userId: UserId): FitAnswer | null {
  const answer = relationship.fitCheck[userId]?.answer;
  return answer === "good" || answer === "end" ? answer : null;
}

/**
 * The agreement for one viewer. The first goals and the confidentiality text belong to the pair:
 * a manager sees how many goals there are, never what they say.
 */
export function presentAgreement(agreement: AgreementRecord, viewer: ViewerRole): Agreement {
  const isParticipant = viewer !== "admin";
  return {
    cadence: agreement.cadence,
    formats: agreement.formats,
    minutesPerMonth: agreement.minutesPerMonth,
    sessionMinutes: agreement.sessionMinutes,
    endsOn: agreement.endsOn,
    version: agreement.version,
    menteeConfirmedVersion: agreement.menteeConfirmedVersion,
    mentorConfirmedVersion: agreement.mentorConfirmedVersion,
    confirmedByMentee: hasConfirmed(agreement, "mentee"),
    confirmedByMentor: hasConfirmed(agreement, "mentor"),
    firstGoalCount: agreement.firstGoals.length,
    firstGoals: isParticipant ? agreement.firstGoals : null,
    confidentiality: isParticipant ? agreement.confidentiality : null,
    updatedAt: agreement.updatedAt.toISOString(),
    updatedByName: agreement.updatedByName,
  };
}

/** A relationship for one viewer, with what that viewer may do next. */
export function presentRelationship(view: RelationshipView, viewer: ViewerRole, now: Date): Relationship {
  const { relationship, agreement } = view;
  const isParticipant = viewer !== "admin";
  const today = isoDay(now);
  const note = (userId: UserId) => (isParticipant ? (relationship.fitCheck[userId]?.note ?? null) : null);
  const mySide = viewer === "admin" ? null : (viewer as Side);
  const myId =
    mySide === "mentee" ? relationship.menteeId : mySide === "mentor" ? relationship.mentorId : null;
  const agreementOpen = isAgreementOpen(relationship.status);
  return {
    id: relationship.id,
    programme: { id: relationship.programmeId, name: view.programmeName },
    mentee: view.mentee,
    mentor: view.mentor,
    status: relationship.status,
    origin: relationship.origin,
    endsOn: relationship.endsOn,
    startedAt: relationship.startedAt?.toISOString() ?? null,
    endedAt: relationship.endedAt?.toISOString() ?? null,
    endedByName: view.endedByName,
    endReason: relationship.endReason,
    fitCheck: {
      dueOn: relationship.fitCheckDueOn,
      menteeAnswer: fitAnswer(relationship, relationship.menteeId),
      mentorAnswer: fitAnswer(relationship, relationship.mentorId),
      menteeNote: note(relationship.menteeId),
      mentorNote: note(relationship.mentorId),
    },
    lastActivityAt: relationship.lastActivityAt.toISOString(),
    daysSinceActivity: daysSince(relationship.lastActivityAt, now),
    createdAt: relationship.createdAt.toISOString(),
    agreement: presentAgreement(agreement, viewer),
    viewer: {
      role: viewer,
      mustConfirm: mySide !== null && agreementOpen && !hasConfirmed(agreement, mySide),
      mayEditAgreement: mySide !== null && agreementOpen,
      fitCheckDue:
        myId !== null &&
        isFitCheckDue({
          status: relationship.status,
          fitCheckDueOn: relationship.fitCheckDueOn,
          answered: fitAnswer(relationship, myId) !== null,
          today,
        }),
      actions:
        mySide === null
          ? []
          : availableActions(relationship.status).filter(
              (action): action is Exclude<RelationshipAction, "activate"> => action !== "activate",
            ),
    },
  };
}

export function presentEvent(event: RelationshipEventRecord): RelationshipEvent {
  return {
    id: event.id,
    kind: event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorName: event.actorName,
    detail: event.detail,
    at: event.createdAt.toISOString(),
  };
}

/** One of my relationships, seen from my side. */
export function presentMyRelationship(row: RelationshipListRow, me: UserId, now: Date): MyRelationship {
  const { relationship } = row;
  const myRole: Side = relationship.menteeId === me ? "mentee" : "mentor";
  const otherRole: Side = myRole === "mentee" ? "mentor" : "mentee";
  const open = isAgreementOpen(relationship.status);
  return {
    id: relationship.id,
    myRole,
    other: myRole === "mentee" ? row.mentor : row.mentee,
    programme: { id: relationship.programmeId, name: row.programmeName },
    status: relationship.status,
    endsOn: relationship.endsOn,
    startedAt: relationship.startedAt?.toISOString() ?? null,
    mustConfirm: open && !hasConfirmed(row, myRole),
    otherMustConfirm: open && !hasConfirmed(row, otherRole),
    fitCheckDue: isFitCheckDue({
      status: relationship.status,
      fitCheckDueOn: relationship.fitCheckDueOn,
      answered: fitAnswer(relationship, me) !== null,
      today: isoDay(now),
    }),
    fitCheckDueOn: relationship.fitCheckDueOn,
    daysSinceActivity: daysSince(relationship.lastActivityAt, now),
  };
}

/** A row of the managers' list: states, dates and counts only. */
export function presentManagedRelationship(row: RelationshipListRow, now: Date): ManagedRelationship {
  const { relationship } = row;
  return {
    id: relationship.id,
    programme: { id: relationship.programmeId, name: row.programmeName },
    mentee: { userId: row.mentee.userId, name: row.mentee.name },
    mentor: { userId: row.mentor.userId, name: row.mentor.name },
    status: relationship.status,
    origin: relationship.origin,
    agreementConfirmed: hasConfirmed(row, "mentee") && hasConfirmed(row, "mentor"),
    startedAt: relationship.startedAt?.toISOString() ?? null,
    endsOn: relationship.endsOn,
    endedAt: relationship.endedAt?.toISOString() ?? null,
    fitCheckDueOn: relationship.fitCheckDueOn,
    lastActivityAt: relationship.lastActivityAt.toISOString(),
    daysSinceActivity: daysSince(relationship.lastActivityAt, now),
    createdAt: relationship.createdAt.toISOString(),
  };
}
