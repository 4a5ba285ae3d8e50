import type { MyMentoring, MyRelationship, NextStep } from "../../contracts/relationships.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { isLive } from "../../core/relationships/relationship-status.ts";
import type { ServerDeps } from "../deps.ts";
import { presentMyRelationship } from "./relationship.presenter.ts";
import { pages } from "../../contracts/pages.ts";

/**
 * "My mentoring": my relationships as mentee and as mentor (live ones first) and what I should do
 * next: confirm agreements, answer fit checks, answer requests, or find a mentor in a programme
 * where I have none.
 */
export async function loadMyMentoring(deps: ServerDeps, membership: Membership): Promise<MyMentoring> {
  const { orgId, userId } = membership;
  const now = deps.now();
  const [rows, enrolments, requests] = await Promise.all([
    deps.repos.relationships.listForPerson(orgId, userId),
    deps.repos.relationships.listMyEnrolments(orgId, userId),
    deps.repos.relationships.countOpenRequests(orgId, userId),
  ]);
  const relationships = rows.map((row) => presentMyRelationship(row, userId, now));
  const nextSteps: NextStep[] = [];
  const step = (kind: NextStep["kind"], text: string, link: string, relationship?: MyRelationship) =>
    nextSteps.push({ kind, text, link, relationshipId: relationship?.id ?? null });

  for (const relationship of relationships) {
    if (!isLive(relationship.status)) continue;
    const name = relationship.other.name;
    if (relationship.mustConfirm)
      step(
        "confirm_agreement",
        relationship.status === "proposed"
          ? `Review and confirm your agreement with ${name} to start your mentoring.`
          : `Review and confirm the changed agreement with ${name}.`,
        pages.relationship(relationship.id),
        relationship,
      );
    else if (relationship.otherMustConfirm)
      step(
        "await_confirmation",
        `Waiting for ${name} to confirm the agreement.`,
        pages.relationship(relationship.id),
        relationship,
      );
    if (relationship.fitCheckDue)
      step(
        "fit_check",
        `How is it going with ${name}? Answer the fit check.`,
        pages.relationship(relationship.id),
        relationship,
      );
  }
  if (requests.toAnswer > 0)
    step(
      "answer_requests",
      requests.toAnswer === 1
        ? "A mentoring request waits for your answer."
        : `${requests.toAnswer} mentoring requests wait for your answer.`,
      pages.requests(),
    );
  if (requests.questionsForMe > 0)
    step(
      "answer_question",
      requests.questionsForMe === 1
        ? "A mentor asked you for more information about your request."
        : `${requests.questionsForMe} mentors asked you for more information.`,
      pages.requests(),
    );

  for (const enrolment of enrolments) {
    if (enrolment.role === "mentor") continue;
    const hasMentor = relationships.some(
      (relationship) =>
        relationship.myRole === "mentee" &&
        relationship.programme.id === enrolment.programmeId &&
        isLive(relationship.status),
    );
    if (hasMentor) continue;
    const selfMatch =
      enrolment.matchingMode !== "admin" &&
      (enrolment.programmeStatus === "matching" || enrolment.programmeStatus === "running");
    if (selfMatch)
      step(
        "find_mentor",
        `Find a mentor in ${enrolment.programmeName}.`,
        pages.programmeMentors(enrolment.programmeId),
      );
    else
      step(
        "await_matching",
        `Your programme manager will match you with a mentor in ${enrolment.programmeName}.`,
        pages.programme(enrolment.programmeId),
      );
  }
  return { relationships, nextSteps, enrolledProgrammes: enrolments.length };
}
