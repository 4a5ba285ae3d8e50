import { describe, expect, it } from "vitest";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import { EVENT_SCHEMAS } from "../../contracts/events.ts";
import {
  formatDay,
  RELATIONSHIP_EVENT_KINDS,
  type RelationshipNoticeEvent,
  relationshipEventNotice,
  relationshipNotice as toEvent,
} from "./relationship-notices.ts";

/** The notice the recipient reads: the event recorded, then rendered from its stored payload. */
function relationshipNotice(event: RelationshipNoticeEvent, context: Parameters<typeof toEvent>[1]) {
  const recorded = toEvent(event, context);
  const stored = JSON.parse(JSON.stringify(recorded));
  return relationshipEventNotice(stored);
}

const context = {
  orgId: "00000000-0000-4000-8000-000000000001" as OrgId,
  relationshipId: "00000000-0000-4000-8000-000000000002" as RelationshipId,
  recipientId: "00000000-0000-4000-8000-000000000003" as UserId,
  actorName: "Mia Mentee",
  programmeName: "Developer cohort",
};

const events: RelationshipNoticeEvent[] = [
  { kind: "activated", endsOn: "2026-04-30", fitCheckDueOn: "2026-02-01" },
  { kind: "activated", endsOn: null, fitCheckDueOn: null },
  { kind: "agreement_changed", version: 3, changes: ["the end date", "the first goals"], isActive: true },
  { kind: "agreement_confirmed", version: 2, isActive: false },
  { kind: "agreement_agreed", version: 4, newEndsOn: "2026-06-30", endDateChanged: true },
  { kind: "agreement_agreed", version: 4, newEndsOn: null, endDateChanged: false },
  { kind: "paused", reason: "Exams" },
  { kind: "paused", reason: null },
  { kind: "resumed" },
  { kind: "completed" },
  { kind: "ended_early", reason: "New job", recipientIsMentee: true },
  { kind: "ended_early", reason: "New job", recipientIsMentee: false },
  { kind: "fit_check_ended", note: "Schedules clash", recipientIsMentee: true },
  { kind: "fit_check_ended", note: null, recipientIsMentee: false },
];

describe("relationship notices", () => {
  it("every event has a title, an in-app line, an email text and a link to the relationship", () => {
    for (const event of events) {
      const recorded = toEvent(event, context);
      expect(RELATIONSHIP_EVENT_KINDS).toContain(recorded.kind);
      expect(EVENT_SCHEMAS[recorded.kind].safeParse(recorded.payload).success).toBe(true);
      const notice = relationshipNotice(event, context);
      expect(notice.kind).toBe(recorded.kind);
      expect(notice.userId).toBe(context.recipientId);
      expect(notice.title.length).toBeGreaterThan(10);
      expect(notice.body?.length).toBeGreaterThan(10);
      expect(notice.emailBody).not.toMatch(/\n{3,}|^\s|\s$/);
      expect(notice.emailBody).toContain("Developer cohort");
      expect(notice.link).toBe(`/mentoring/relationships/${context.relationshipId}`);
      expect(notice.actionLabel).toBeTruthy();
    }
  });

  it("names the person, the reason and the dates in plain words", () => {
    expect(relationshipNotice(events[0], context)).toMatchObject({
      title: "Your mentoring with Mia Mentee has started",
      emailBody: expect.stringContaining("It runs until 30 April 2026."),
    });
    expect(relationshipNotice(events[2], context)).toMatchObject({
      title: "Mia Mentee proposed changes to your mentoring agreement",
      body: "Mia Mentee changed the end date and the first goals. Review version 3 and confirm it.",
    });
    expect(relationshipNotice(events[6], context).emailBody).toContain("They said: “Exams”");
    expect(relationshipNotice(events[10], context).emailBody).toContain(
      "You can be matched with another mentor",
    );
    expect(relationshipNotice(events[11], context).emailBody).toContain(
      "The place you gave this mentee is free again.",
    );
    expect(formatDay("2026-02-01")).toBe("1 February 2026");
  });

  it("a fit-check note reaches the other side in the app, not only by email", () => {
    expect(relationshipNotice(events[12], context).body).toContain("Schedules clash");
  });
});
