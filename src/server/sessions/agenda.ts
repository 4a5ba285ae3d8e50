import type { AgendaItem } from "../../contracts/sessions.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden, notFound } from "../http/app-error.ts";
import { ownsAgenda } from "./session.policy.ts";
import { presentAgendaItem } from "./session.presenter.ts";
import { writeSessionContent } from "./session-content.ts";

const MAX_ITEMS = 50;

/**
 * Adds an agenda item: the agenda's owner (the mentee in mentoring, the coach in coaching) adds
 * it agreed; the other side suggests it, and the owner takes it (or removes it).
 */
export async function addAgendaItem(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  text: string,
): Promise<AgendaItem> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos, view, role, userId, now }) => {
    const existing = await repos.sessionContent.agenda(membership.orgId, sessionId);
    if (existing.length >= MAX_ITEMS)
      throw new AppError("domain_rule", `An agenda holds at most ${MAX_ITEMS} items.`);
    const status = ownsAgenda(view.programmeType, role) ? "agreed" : "suggested";
    const [id] = await repos.sessionContent.addAgendaItems(
      membership.orgId,
      sessionId,
      [{ text, status, addedBy: userId }],
      now,
    );
    const item = await repos.sessionContent.agendaItem(membership.orgId, sessionId, id as string);
    if (!item) throw notFound("Agenda item not found.");
    return presentAgendaItem(item);
  });
}

/**
 * Edits an agenda item: anyone in the session ticks it done; the owner of the agenda takes a
 * suggestion, reorders or rewords; whoever added an item may reword it.
 */
export async function updateAgendaItem(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  itemId: string,
  change: { text?: string; done?: boolean; status?: "agreed"; position?: number },
): Promise<AgendaItem> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos, view, role, userId, now }) => {
    const item = await repos.sessionContent.agendaItem(membership.orgId, sessionId, itemId);
    if (!item) throw notFound("Agenda item not found.");
    const owner = ownsAgenda(view.programmeType, role);
    if (change.status && !owner) throw forbidden("Only the agenda's owner takes a suggestion.");
    if (change.position !== undefined && !owner) throw forbidden("Only the agenda's owner reorders it.");
    if (change.text !== undefined && !owner && item.addedBy !== userId)
      throw forbidden("You may reword only the items you added.");
    await repos.sessionContent.updateAgendaItem(membership.orgId, itemId, change, now);
    const updated = await repos.sessionContent.agendaItem(membership.orgId, sessionId, itemId);
    if (!updated) throw notFound("Agenda item not found.");
    return presentAgendaItem(updated);
  });
}

/** Removes an agenda item: the agenda's owner, or whoever added it. */
export async function removeAgendaItem(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  itemId: string,
): Promise<null> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos, view, role, userId }) => {
    const item = await repos.sessionContent.agendaItem(membership.orgId, sessionId, itemId);
    if (!item) throw notFound("Agenda item not found.");
    if (!ownsAgenda(view.programmeType, role) && item.addedBy !== userId)
      throw forbidden("Only the agenda's owner or whoever added the item may remove it.");
    await repos.sessionContent.removeAgendaItem(membership.orgId, itemId);
    return null;
  });
}
