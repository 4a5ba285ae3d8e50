import type { ActionItem, AgendaItem, Note, Session } from "../../contracts/sessions.ts";
import { availableSessionActions } from "../../core/sessions/session-status.ts";
import type {
  ActionItemRecord,
  AgendaItemRecord,
  NoteRecord,
} from "../../db/repositories/session-content.repository.ts";
import type { SessionView } from "../../db/repositories/sessions.repository.ts";
import { ownsAgenda, type SessionViewerRole } from "./session.policy.ts";

const iso = (date: Date) => date.toISOString();

/** A session as one viewer sees it, with what they may do now. The only way a session leaves. */
export function presentSession(
  view: SessionView,
  viewerId: string,
  role: SessionViewerRole,
  now: Date,
): Session {
  const { session } = view;
  const actions =
    role === "admin"
      ? []
      : availableSessionActions(
          { status: session.status, startsAt: session.startsAt.getTime(), proposedBy: session.proposedBy },
          viewerId,
          now.getTime(),
        );
  return {
    id: session.id,
    programme: { id: session.programmeId, name: view.programmeName, type: view.programmeType },
    relationshipId: session.relationshipId,
    seriesId: session.seriesId,
    status: session.status,
    version: session.version,
    startsAt: iso(session.startsAt),
    endsAt: iso(session.endsAt),
    lengthMinutes: Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000),
    timeZone: session.timeZone,
    format: session.format,
    location: session.location,
    videoUrl: session.videoUrl,
    attendees: view.attendees.map((attendee) => ({ ...attendee })),
    proposedBy: session.proposedBy,
    cancelledByName: view.cancelledByName,
    cancelReason: session.cancelReason,
    cancelledLate: session.cancelledLate,
    lateCancelAfter: iso(new Date(session.startsAt.getTime() - view.lateCancelHours * 3_600_000)),
    absentUserIds: session.absentUserIds,
    recordedByName: view.recordedByName,
    createdAt: iso(session.createdAt),
    updatedAt: iso(session.updatedAt),
    viewer: {
      role,
      actions,
      ownsAgenda: ownsAgenda(view.programmeType, role),
      mustAnswer: actions.includes("accept"),
    },
  };
}

export function presentAgendaItem(item: AgendaItemRecord): AgendaItem {
  return {
    id: item.id,
    text: item.text,
    status: item.status,
    done: item.done,
    addedBy: { userId: item.addedBy ?? "00000000-0000-4000-8000-000000000000", name: item.addedByName },
    carriedFromSessionId: item.carriedFromSessionId,
    position: item.position,
    createdAt: iso(item.createdAt),
  };
}

export function presentNote(note: NoteRecord, viewerId: string): Note {
  return {
    id: note.id,
    text: note.text,
    visibility: note.visibility,
    author: { userId: note.authorId, name: note.authorName },
    mine: note.authorId === viewerId,
    createdAt: iso(note.createdAt),
    updatedAt: iso(note.updatedAt),
  };
}

export function presentActionItem(item: ActionItemRecord): ActionItem {
  return {
    id: item.id,
    sessionId: item.sessionId,
    relationshipId: item.relationshipId,
    text: item.text,
    owner: { userId: item.ownerId, name: item.ownerName },
    dueOn: item.dueOn,
    done: item.doneAt !== null,
    doneAt: item.doneAt ? iso(item.doneAt) : null,
    createdAt: iso(item.createdAt),
  };
}
