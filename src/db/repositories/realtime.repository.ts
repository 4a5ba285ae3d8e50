import { eq } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { Database } from "../connection.ts";
import { csvImports, matchRuns, mentoringRequests, relationships } from "../schema.ts";

/** What a realtime topic's thing belongs to: who may hear about it is decided from this. */
export interface TopicScope {
  orgId: OrgId;
  programmeId: ProgrammeId;
  /** The mentee and the mentor, for a request or a relationship; none for a run or an import. */
  parties: UserId[];
}

export type ScopedTopicKind = "request" | "relationship" | "match-run" | "csv-import";

/**
 * The organisation, programme and parties of the thing a topic names, looked up by id alone (a
 * socket is not tied to one organisation); null when there is no such thing.
 */
export function realtimeRepository(db: Database) {
  const pair = async (table: typeof mentoringRequests | typeof relationships, id: string) => {
    const [row] = await db
      .select({
        orgId: table.orgId,
        programmeId: table.programmeId,
        menteeId: table.menteeId,
        mentorId: table.mentorId,
      })
      .from(table)
      .where(eq(table.id, id))
      .limit(1);
    return row
      ? {
          orgId: row.orgId as OrgId,
          programmeId: row.programmeId as ProgrammeId,
          parties: [row.menteeId as UserId, row.mentorId as UserId],
        }
      : null;
  };
  const owned = async (table: typeof matchRuns | typeof csvImports, id: string) => {
    const [row] = await db
      .select({ orgId: table.orgId, programmeId: table.programmeId })
      .from(table)
      .where(eq(table.id, id))
      .limit(1);
    return row
      ? { orgId: row.orgId as OrgId, programmeId: row.programmeId as ProgrammeId, parties: [] }
      : null;
  };
  return {
    async scopeOf(kind: ScopedTopicKind, id: string): Promise<TopicScope | null> {
      switch (kind) {
        case "request":
          return pair(mentoringRequests, id);
        case "relationship":
          return pair(relationships, id);
        case "match-run":
          return owned(matchRuns, id);
        case "csv-import":
          return owned(csvImports, id);
      }
    },
  };
}
