import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { Database } from "../connection.ts";
import { users } from "../schema.ts";
import { sessionActionItems, sessionAgendaItems, sessionNotes, sessions } from "../schema/sessions.ts";

export interface AgendaItemRecord {
  id: string;
  sessionId: string;
  text: string;
  status: "agreed" | "suggested";
  done: boolean;
  addedBy: UserId | null;
  addedByName: string;
  carriedFromSessionId: string | null;
  position: number;
  createdAt: Date;
}

export type NoteVisibilityValue = "only_me" | "pair" | "coordinators";

export interface NoteRecord {
  id: string;
  sessionId: string;
  authorId: UserId;
  authorName: string;
  text: string;
  visibility: NoteVisibilityValue;
  createdAt: Date;
  updatedAt: Date;
}

export interface ActionItemRecord {
  id: string;
  sessionId: string;
  relationshipId: string | null;
  ownerId: UserId;
  ownerName: string;
  text: string;
  dueOn: string | null;
  doneAt: Date | null;
  createdAt: Date;
}

const agendaColumns = {
  id: sessionAgendaItems.id,
  sessionId: sessionAgendaItems.sessionId,
  text: sessionAgendaItems.text,
  status: sessionAgendaItems.status,
  done: sessionAgendaItems.done,
  addedBy: sessionAgendaItems.addedBy,
  addedByName: sql<string>`coalesce(${users.name}, 'Someone')`,
  carriedFromSessionId: sessionAgendaItems.carriedFromSessionId,
  position: sessionAgendaItems.position,
  createdAt: sessionAgendaItems.createdAt,
};

const noteColumns = {
  id: sessionNotes.id,
  sessionId: sessionNotes.sessionId,
  authorId: sessionNotes.authorId,
  authorName: users.name,
  text: sessionNotes.text,
  visibility: sessionNotes.visibility,
  createdAt: sessionNotes.createdAt,
  updatedAt: sessionNotes.updatedAt,
};

const actionColumns = {
  id: sessionActionItems.id,
  sessionId: sessionActionItems.sessionId,
  relationshipId: sessionActionItems.relationshipId,
  ownerId: sessionActionItems.ownerId,
  ownerName: users.name,
  text: sessionActionItems.text,
  dueOn: sessionActionItems.dueOn,
  doneAt: sessionActionItems.doneAt,
  createdAt: sessionActionItems.createdAt,
};

/**
 * What a session's page holds: agenda items, notes and action items. Scoped by organisation; the
 * caller decides who may read which note (the repository filters by the visibilities it is given).
 */
export function sessionContentRepository(db: Database) {
  const agendaQuery = () =>
    db
      .select(agendaColumns)
      .from(sessionAgendaItems)
      .leftJoin(users, eq(users.id, sessionAgendaItems.addedBy));
  const noteQuery = () =>
    db.select(noteColumns).from(sessionNotes).innerJoin(users, eq(users.id, sessionNotes.authorId));
  const actionQuery = () =>
    db
      .select(actionColumns)
      .from(sessionActionItems)
      .innerJoin(users, eq(users.id, sessionActionItems.ownerId));

  return {
    // ─────────── agenda
    async agenda(orgId: OrgId, sessionId: string): Promise<AgendaItemRecord[]> {
      return (await agendaQuery()
        .where(and(eq(sessionAgendaItems.orgId, orgId), eq(sessionAgendaItems.sessionId, sessionId)))
        .orderBy(asc(sessionAgendaItems.position), asc(sessionAgendaItems.createdAt))) as AgendaItemRecord[];
    },
    async agendaItem(orgId: OrgId, sessionId: string, itemId: string): Promise<AgendaItemRecord | null> {
      const [row] = await agendaQuery().where(
        and(
          eq(sessionAgendaItems.orgId, orgId),
          eq(sessionAgendaItems.sessionId, sessionId),
          eq(sessionAgendaItems.id, itemId),
        ),
      );
      return (row as AgendaItemRecord | undefined) ?? null;
    },
    async addAgendaItems(
      orgId: OrgId,
      sessionId: string,
      items: {
        text: string;
        status: "agreed" | "suggested";
        addedBy: UserId | null;
        carriedFromSessionId?: string | null;
      }[],
      now: Date,
    ): Promise<string[]> {
      if (items.length === 0) return [];
      const [{ next } = { next: 0 }] = await db
        .select({ next: sql<number>`coalesce(max(${sessionAgendaItems.position}) + 1, 0)::int` })
        .from(sessionAgendaItems)
        .where(eq(sessionAgendaItems.sessionId, sessionId));
      const rows = await db
        .insert(sessionAgendaItems)
        .values(
          items.map((item, index) => ({
            orgId,
            sessionId,
            text: item.text,
            status: item.status,
            addedBy: item.addedBy,
            carriedFromSessionId: item.carriedFromSessionId ?? null,
            position: next + index,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning({ id: sessionAgendaItems.id });
      return rows.map((row) => row.id);
    },
    async updateAgendaItem(
      orgId: OrgId,
      itemId: string,
      fields: Partial<{ text: string; done: boolean; status: "agreed"; position: number }>,
      now: Date,
    ): Promise<void> {
      await db
        .update(sessionAgendaItems)
        .set({ ...fields, updatedAt: now })
        .where(and(eq(sessionAgendaItems.orgId, orgId), eq(sessionAgendaItems.id, itemId)));
    },
    async removeAgendaItem(orgId: OrgId, itemId: string): Promise<void> {
      await db
        .delete(sessionAgendaItems)
        .where(and(eq(sessionAgendaItems.orgId, orgId), eq(sessionAgendaItems.id, itemId)));
    },

    // ─────────── notes
    /** The notes of a session the reader may see: their own, and others' of the given visibilities. */
    async notes(
      orgId: OrgId,
      sessionId: string,
      reader: UserId,
      othersVisible: readonly NoteVisibilityValue[],
    ): Promise<NoteRecord[]> {
      const visible =
        othersVisible.length > 0
          ? sql`(${sessionNotes.authorId} = ${reader} or ${inArray(sessionNotes.visibility, [...othersVisible])})`
          : sql`${sessionNotes.authorId} = ${reader}`;
      return (await noteQuery()
        .where(and(eq(sessionNotes.orgId, orgId), eq(sessionNotes.sessionId, sessionId), visible))
        .orderBy(asc(sessionNotes.createdAt))) as NoteRecord[];
    },
    /** Notes shared with coordinators only (what a manager reads). */
    async coordinatorNotes(orgId: OrgId, sessionId: string): Promise<NoteRecord[]> {
      return (await noteQuery()
        .where(
          and(
            eq(sessionNotes.orgId, orgId),
            eq(sessionNotes.sessionId, sessionId),
            eq(sessionNotes.visibility, "coordinators"),
          ),
        )
        .orderBy(asc(sessionNotes.createdAt))) as NoteRecord[];
    },
    async note(orgId: OrgId, sessionId: string, noteId: string): Promise<NoteRecord | null> {
      const [row] = await noteQuery().where(
        and(
          eq(sessionNotes.orgId, orgId),
          eq(sessionNotes.sessionId, sessionId),
          eq(sessionNotes.id, noteId),
        ),
      );
      return (row as NoteRecord | undefined) ?? null;
    },
    async addNote(
      orgId: OrgId,
      sessionId: string,
      note: { authorId: UserId; text: string; visibility: NoteVisibilityValue },
      now: Date,
    ): Promise<string> {
      const [row] = await db
        .insert(sessionNotes)
        .values({ orgId, sessionId, ...note, createdAt: now, updatedAt: now })
        .returning({ id: sessionNotes.id });
      return row!.id;
    },
    async updateNote(
      orgId: OrgId,
      noteId: string,
      fields: Partial<{ text: string; visibility: NoteVisibilityValue }>,
      now: Date,
    ): Promise<void> {
      await db
        .update(sessionNotes)
        .set({ ...fields, updatedAt: now })
        .where(and(eq(sessionNotes.orgId, orgId), eq(sessionNotes.id, noteId)));
    },
    async removeNote(orgId: OrgId, noteId: string): Promise<void> {
      await db.delete(sessionNotes).where(and(eq(sessionNotes.orgId, orgId), eq(sessionNotes.id, noteId)));
    },

    // ─────────── action items
    async actionItems(orgId: OrgId, sessionId: string): Promise<ActionItemRecord[]> {
      return (await actionQuery()
        .where(and(eq(sessionActionItems.orgId, orgId), eq(sessionActionItems.sessionId, sessionId)))
        .orderBy(asc(sessionActionItems.createdAt))) as ActionItemRecord[];
    },
    async actionItem(orgId: OrgId, sessionId: string, itemId: string): Promise<ActionItemRecord | null> {
      const [row] = await actionQuery().where(
        and(
          eq(sessionActionItems.orgId, orgId),
          eq(sessionActionItems.sessionId, sessionId),
          eq(sessionActionItems.id, itemId),
        ),
      );
      return (row as ActionItemRecord | undefined) ?? null;
    },
    /** A pair's open action items from sessions starting before `before` (carried to the next session). */
    async openForRelationship(
      orgId: OrgId,
      relationshipId: string,
      before: Date,
    ): Promise<ActionItemRecord[]> {
      return (await actionQuery()
        .innerJoin(sessions, eq(sessions.id, sessionActionItems.sessionId))
        .where(
          and(
            eq(sessionActionItems.orgId, orgId),
            eq(sessionActionItems.relationshipId, relationshipId),
            isNull(sessionActionItems.doneAt),
            sql`${sessions.startsAt} < ${before}`,
          ),
        )
        .orderBy(asc(sessionActionItems.dueOn), asc(sessionActionItems.createdAt))) as ActionItemRecord[];
    },
    /** A person's open action items (Home), soonest due first, undated last. */
    async openForOwner(orgId: OrgId, ownerId: UserId, limit = 50): Promise<ActionItemRecord[]> {
      return (await actionQuery()
        .where(
          and(
            eq(sessionActionItems.orgId, orgId),
            eq(sessionActionItems.ownerId, ownerId),
            isNull(sessionActionItems.doneAt),
          ),
        )
        .orderBy(sql`${sessionActionItems.dueOn} asc nulls last`, asc(sessionActionItems.createdAt))
        .limit(limit)) as ActionItemRecord[];
    },
    async addActionItem(
      orgId: OrgId,
      item: {
        sessionId: string;
        relationshipId: string | null;
        ownerId: UserId;
        text: string;
        dueOn: string | null;
        createdBy: UserId;
      },
      now: Date,
    ): Promise<string> {
      const [row] = await db
        .insert(sessionActionItems)
        .values({ orgId, ...item, createdAt: now, updatedAt: now })
        .returning({ id: sessionActionItems.id });
      return row!.id;
    },
    async updateActionItem(
      orgId: OrgId,
      itemId: string,
      fields: Partial<{ text: string; ownerId: UserId; dueOn: string | null; doneAt: Date | null }>,
      now: Date,
    ): Promise<void> {
      await db
        .update(sessionActionItems)
        .set({ ...fields, updatedAt: now })
        .where(and(eq(sessionActionItems.orgId, orgId), eq(sessionActionItems.id, itemId)));
    },
    async removeActionItem(orgId: OrgId, itemId: string): Promise<void> {
      await db
        .delete(sessionActionItems)
        .where(and(eq(sessionActionItems.orgId, orgId), eq(sessionActionItems.id, itemId)));
    },
  };
}
