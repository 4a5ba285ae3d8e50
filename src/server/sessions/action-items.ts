import type { ActionItem } from "../../contracts/sessions.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, invalidField, notFound } from "../http/app-error.ts";
import { presentActionItem } from "./session.presenter.ts";
import { writeSessionContent } from "./session-content.ts";

const MAX_ITEMS = 50;

/** Adds an action item owned by one of the session's people, with an optional due date (shown on their Home). */
export async function addActionItem(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  item: { text: string; ownerId: string; dueOn?: string | null },
): Promise<ActionItem> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos, view, userId, now }) => {
    if (!view.attendees.some((attendee) => attendee.userId === item.ownerId))
      throw invalidField("body.ownerId", "must be one of the people in this session");
    if ((await repos.sessionContent.actionItems(membership.orgId, sessionId)).length >= MAX_ITEMS)
      throw new AppError("domain_rule", `A session holds at most ${MAX_ITEMS} action items.`);
    const id = await repos.sessionContent.addActionItem(
      membership.orgId,
      {
        sessionId,
        relationshipId: view.session.relationshipId,
        ownerId: item.ownerId as UserId,
        text: item.text,
        dueOn: item.dueOn ?? null,
        createdBy: userId,
      },
      now,
    );
    const stored = await repos.sessionContent.actionItem(membership.orgId, sessionId, id);
    if (!stored) throw notFound("Action item not found.");
    return presentActionItem(stored);
  });
}

/** Edits an action item or marks it done (either of the pair: they follow up together). */
export async function updateActionItem(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  itemId: string,
  change: { text?: string; ownerId?: string; dueOn?: string | null; done?: boolean },
): Promise<ActionItem> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos, view, now }) => {
    const item = await repos.sessionContent.actionItem(membership.orgId, sessionId, itemId);
    if (!item) throw notFound("Action item not found.");
    if (change.ownerId && !view.attendees.some((attendee) => attendee.userId === change.ownerId))
      throw invalidField("body.ownerId", "must be one of the people in this session");
    const { done, ownerId, ...rest } = change;
    await repos.sessionContent.updateActionItem(
      membership.orgId,
      itemId,
      {
        ...rest,
        ...(ownerId ? { ownerId: ownerId as UserId } : {}),
        ...(done === undefined ? {} : { doneAt: done ? (item.doneAt ?? now) : null }),
      },
      now,
    );
    const stored = await repos.sessionContent.actionItem(membership.orgId, sessionId, itemId);
    if (!stored) throw notFound("Action item not found.");
    return presentActionItem(stored);
  });
}

export async function removeActionItem(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
  itemId: string,
): Promise<null> {
  return writeSessionContent(deps, membership, sessionId, async ({ repos }) => {
    const item = await repos.sessionContent.actionItem(membership.orgId, sessionId, itemId);
    if (!item) throw notFound("Action item not found.");
    await repos.sessionContent.removeActionItem(membership.orgId, itemId);
    return null;
  });
}

/** My open action items across my pairs (Home and the action items list). */
export async function listMyActionItems(
  deps: ServerDeps,
  membership: Membership,
): Promise<{ actionItems: ActionItem[] }> {
  const items = await deps.repos.sessionContent.openForOwner(membership.orgId, membership.userId as UserId);
  return { actionItems: items.map(presentActionItem) };
}
