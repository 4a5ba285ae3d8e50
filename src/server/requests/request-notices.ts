import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Notice } from "../notifications/notice.ts";
import { pages } from "../../contracts/pages.ts";

/** The parts of a request a notice needs. */
export interface NoticeRequest {
  id: string;
  orgId: OrgId;
  menteeId: UserId;
  mentorId: UserId;
  menteeName: string;
  mentorName: string;
  programmeName: string;
}

const requestLink = (request: NoticeRequest) => pages.request(request.id);

const toMentor = (request: NoticeRequest, kind: string, title: string, body: string): Notice => ({
  orgId: request.orgId,
  userId: request.mentorId,
  kind,
  title,
  body,
  link: requestLink(request),
  actionLabel: "Open the request",
});

const toMentee = (request: NoticeRequest, kind: string, title: string, body: string): Notice => ({
  orgId: request.orgId,
  userId: request.menteeId,
  kind,
  title,
  body,
  link: requestLink(request),
  actionLabel: "Open the request",
});

const days = (n: number) => (n === 1 ? "1 day" : `${n} days`);

/** What each request event tells whom. Titles name the other person and the programme. */
export const requestNotices = {
  sent: (r: NoticeRequest): Notice[] => [
    toMentor(
      r,
      "request.sent",
      `${r.menteeName} asks you to be their mentor`,
      `${r.menteeName} sent you a mentoring request in ${r.programmeName}. Read their goal and accept, decline, or ask a question.`,
    ),
  ],
  accepted: (r: NoticeRequest, relationshipId: string): Notice[] => [
    {
      ...toMentee(
        r,
        "request.accepted",
        `${r.mentorName} accepted your request`,
        `${r.mentorName} will be your mentor in ${r.programmeName}. Next, agree how you will work together.`,
      ),
      link: pages.relationship(relationshipId),
      actionLabel: "Open the relationship",
    },
  ],
  declined: (r: NoticeRequest, reason: string): Notice[] => [
    toMentee(
      r,
      "request.declined",
      `${r.mentorName} declined your request`,
      `Their reason: ${reason}. You can ask another mentor in ${r.programmeName}.`,
    ),
  ],
  declinedAtCapacity: (r: NoticeRequest): Notice[] => [
    toMentee(
      r,
      "request.declined",
      `${r.mentorName} has no room for another mentee`,
      `Your request was declined because ${r.mentorName} is at capacity in ${r.programmeName}. You can ask another mentor.`,
    ),
  ],
  asked: (r: NoticeRequest, question: string): Notice[] => [
    toMentee(r, "request.needs_info", `${r.mentorName} has a question about your request`, question),
  ],
  answered: (r: NoticeRequest): Notice[] => [
    toMentor(
      r,
      "request.answered",
      `${r.menteeName} answered your question`,
      `Their request in ${r.programmeName} is waiting for your decision again.`,
    ),
  ],
  withdrawnByMentee: (r: NoticeRequest): Notice[] => [
    toMentor(
      r,
      "request.withdrawn",
      `${r.menteeName} withdrew their request`,
      `Nothing more to do for it in ${r.programmeName}.`,
    ),
  ],
  /** To a mentor whose request closed because the mentee is now matched (or already was). */
  withdrawnMatched: (r: NoticeRequest): Notice[] => [
    toMentor(
      r,
      "request.withdrawn",
      `${r.menteeName}'s request was withdrawn`,
      `${r.menteeName} was matched with another mentor in ${r.programmeName}, so their request to you closed. Thank you for considering it.`,
    ),
  ],
  reminder: (r: NoticeRequest, turn: "mentor" | "mentee", daysLeft: number): Notice[] =>
    turn === "mentor"
      ? [
          toMentor(
            r,
            "request.reminder",
            `${r.menteeName}'s request expires in ${days(daysLeft)}`,
            `Please accept, decline or ask a question before it expires.`,
          ),
        ]
      : [
          toMentee(
            r,
            "request.reminder",
            `${r.mentorName} is waiting for your answer`,
            `Your request expires in ${days(daysLeft)} unless you answer their question.`,
          ),
        ],
  expired: (r: NoticeRequest): Notice[] => [
    toMentee(
      r,
      "request.expired",
      `Your request to ${r.mentorName} expired`,
      `It was not answered in time. You can ask another mentor in ${r.programmeName}.`,
    ),
    toMentor(
      r,
      "request.expired",
      `${r.menteeName}'s request expired`,
      `It closed without a decision in ${r.programmeName}.`,
    ),
  ],
  /** The request closed because one side is no longer active: the other side is told. */
  closedInactive: (r: NoticeRequest, inactive: "mentor" | "mentee"): Notice[] =>
    inactive === "mentor"
      ? [
          toMentee(
            r,
            "request.withdrawn",
            `Your request to ${r.mentorName} closed`,
            `${r.mentorName} is no longer taking requests in ${r.programmeName}. You can ask another mentor.`,
          ),
        ]
      : [
          toMentor(
            r,
            "request.withdrawn",
            `${r.menteeName}'s request closed`,
            `${r.menteeName} is no longer active in ${r.programmeName}.`,
          ),
        ],
};
