import { and, eq, inArray } from "drizzle-orm";
import type { OrgId, UserId } from "../core/accounts/types.ts";
import type { ProgrammeId, RelationshipId } from "../core/programmes/types.ts";
import { type Database, type Repositories, repositories } from "../db/index.ts";
import { isDoubleBooking, type SessionRecord } from "../db/repositories/sessions.repository.ts";
import { profiles, relationships } from "../db/schema.ts";
import { pick, type Random } from "./demo-profiles.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const AGENDA = [
  "How to prepare for my promotion conversation",
  "Feedback on my design review",
  "Saying no to extra projects",
  "Planning the next quarter's learning",
  "Running my first retrospective",
];
const FOLLOW_UPS = [
  "Write down three examples of impact",
  "Ask two peers for feedback",
  "Read the chapter on delegation",
  "Draft the proposal and share it",
];
const NOTES = [
  "Good progress: the mentee now leads the weekly sync.",
  "We agreed to focus on stakeholder communication next.",
  "Talked through the feedback; next step is a written plan.",
];

/**
 * Demo sessions for the live pairs of the demo organisation: for each active pair two held
 * sessions in the past (agenda, a note for the pair, follow-ups: one done, one open) and one
 * confirmed session ahead (with its reminders armed); a proposed pair (the personas') gets a
 * proposed first session. Times are working hours in UTC spread over the weeks; a time a person
 * already has is skipped (the exclusion constraint decides, in a savepoint). Returns how many
 * sessions were made.
 */
export async function seedDemoSessions(
  db: Database,
  input: { orgId: OrgId; random: Random; now: Date },
): Promise<number> {
  const { orgId, random, now } = input;
  const pairs = await db
    .select({
      id: relationships.id,
      programmeId: relationships.programmeId,
      menteeId: relationships.menteeId,
      mentorId: relationships.mentorId,
      status: relationships.status,
    })
    .from(relationships)
    .where(and(eq(relationships.orgId, orgId), inArray(relationships.status, ["active", "proposed"])))
    .orderBy(relationships.createdAt, relationships.id);
  const zones = new Map(
    (
      await db
        .select({ userId: profiles.userId, timeZone: profiles.timeZone })
        .from(profiles)
        .where(eq(profiles.orgId, orgId))
    ).map((row) => [row.userId, row.timeZone]),
  );
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let made = 0;

  /** Books one session in a savepoint; null when someone already has that time. */
  async function book(
    pair: (typeof pairs)[number],
    startsAt: number,
    status: SessionRecord["status"],
  ): Promise<{ repos: Repositories; session: SessionRecord } | null> {
    try {
      return await db.transaction(async (savepoint) => {
        const repos = repositories(savepoint as unknown as Database);
        const session = await repos.sessions.insert({
          orgId,
          programmeId: pair.programmeId as ProgrammeId,
          relationshipId: pair.id as RelationshipId,
          seriesId: null,
          status,
          startsAt: new Date(startsAt),
          endsAt: new Date(startsAt + HOUR_MS),
          timeZone: zones.get(pair.menteeId) ?? "UTC",
          format: pick(random, ["video", "video", "phone", "in_person"] as const),
          location: null,
          videoUrl: null,
          createdBy: pair.menteeId as UserId,
          proposedBy: status === "proposed" ? (pair.menteeId as UserId) : null,
          attendees: [
            { userId: pair.menteeId as UserId, role: "mentee" },
            { userId: pair.mentorId as UserId, role: "mentor" },
          ],
          now,
        });
        return { repos, session };
      });
    } catch (error) {
      if (isDoubleBooking(error)) return null;
      throw error;
    }
  }

  for (const [index, pair] of pairs.entries()) {
    const hour = 8 + (index % 9); // 08:00–16:00 UTC
    const at = (days: number) => today + days * DAY_MS + hour * HOUR_MS;
    if (pair.status === "proposed") {
      if (await book(pair, at(3 + (index % 4)), "proposed")) made++;
      continue;
    }
    const held = [at(-28 + (index % 3)), at(-14 + (index % 3))];
    for (const [round, startsAt] of held.entries()) {
      const booked = await book(pair, startsAt, "confirmed");
      if (!booked) continue;
      const { repos, session } = booked;
      const recordedAt = new Date(startsAt + HOUR_MS);
      await repos.sessions.update(
        orgId,
        session.id,
        { version: session.version, from: ["confirmed"] },
        { status: "held", recordedBy: pair.menteeId as UserId, recordedAt, at: recordedAt },
      );
      await repos.sessionContent.addAgendaItems(
        orgId,
        session.id,
        [
          { text: pick(random, AGENDA), status: "agreed", addedBy: pair.menteeId as UserId },
          { text: pick(random, AGENDA), status: "agreed", addedBy: pair.menteeId as UserId },
        ],
        new Date(startsAt - DAY_MS),
      );
      await repos.sessionContent.addNote(
        orgId,
        session.id,
        { authorId: pair.mentorId as UserId, text: pick(random, NOTES), visibility: "pair" },
        recordedAt,
      );
      const itemId = await repos.sessionContent.addActionItem(
        orgId,
        {
          sessionId: session.id,
          relationshipId: pair.id,
          ownerId: pair.menteeId as UserId,
          text: pick(random, FOLLOW_UPS),
          dueOn: new Date(startsAt + 7 * DAY_MS).toISOString().slice(0, 10),
          createdBy: pair.mentorId as UserId,
        },
        recordedAt,
      );
      // The first session's follow-up is done; the latest one's is still open (Home shows it).
      if (round === 0)
        await repos.sessionContent.updateActionItem(
          orgId,
          itemId,
          { doneAt: new Date(startsAt + 5 * DAY_MS) },
          recordedAt,
        );
      made++;
    }
    const next = await book(pair, at(2 + (index % 6)), "confirmed");
    if (next) {
      await next.repos.sessionReminders.insertReminders(
        orgId,
        [1440, 60]
          .map((offsetMinutes) => ({
            sessionId: next.session.id,
            version: next.session.version,
            offsetMinutes,
            dueAt: new Date(next.session.startsAt.getTime() - offsetMinutes * 60_000),
          }))
          .filter((row) => row.dueAt > now),
      );
      made++;
    }
  }
  return made;
}
