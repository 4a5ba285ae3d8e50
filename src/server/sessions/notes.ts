import type { Note, NoteVisibility } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { Repositories } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { presentNote } from "./session.presenter.ts";
import { writeSessionContent } from "./session-content.ts";

const MAX_NOTES_PER_PERSON = 50;

/** Writes a note: only me, the pair, or the programme's coordinators (who read nothing else of the session). */
export async function addNote(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  note: { text: string; visibility: NoteVisibility },
): Promise<Note> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos, userId, now }) => {
    const mine = (await repos.sessionContent.notes(membership.orgId, sessionId, userId, [])).length;
    if (mine >= MAX_NOTES_PER_PERSON)
      throw new AppError("domain_rule", `You can keep at most ${MAX_NOTES_PER_PERSON} notes on one session.`);
    const id = await repos.sessionContent.addNote(
      membership.orgId,
      sessionId,
      { authorId: userId, ...note },
      now,
    );
    const stored = await repos.sessionContent.note(membership.orgId, sessionId, id);
    if (!stored) throw notFound("Note not found.");
    return presentNote(stored, userId);
  });
}

/** A note is its author's: anyone else gets 404 (a private note's existence is not revealed). */
async function ownNote(
  repos: Repositories,
  orgId: Membership["orgId"],
  sessionId: string,
  noteId: string,
  userId: string,
) {
  const note = await repos.sessionContent.note(orgId, sessionId, noteId);
  if (!note || note.authorId !== userId) throw notFound("Note not found.");
  return note;
}

export async function updateNote(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  noteId: string,
  change: { text?: string; visibility?: NoteVisibility },
): Promise<Note> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos, userId, now }) => {
    await ownNote(repos, membership.orgId, sessionId, noteId, userId);
    await repos.sessionContent.updateNote(membership.orgId, noteId, change, now);
    const stored = await repos.sessionContent.note(membership.orgId, sessionId, noteId);
    if (!stored) throw notFound("Note not found.");
    return presentNote(stored, userId);
  });
}

export async function removeNote(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  noteId: string,
): Promise<null> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos, userId }) => {
    await ownNote(repos, membership.orgId, sessionId, noteId, userId);
    await repos.sessionContent.removeNote(membership.orgId, noteId);
    return null;
  });
}
