import type { SessionDetail, SessionList } from "../../contracts/sessions.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { invalidField } from "../http/app-error.ts";
import { pairSide, sessionViewerRole } from "./session.policy.ts";
import { presentActionItem, presentAgendaItem, presentNote, presentSession } from "./session.presenter.ts";

async function viewerZone(deps: ServerDeps, membership: Membership): Promise<string> {
  const record = (await deps.repos.scheduling.forUsers(membership.orgId, [membership.userId])).get(
    membership.userId,
  );
  return record?.timeZone ?? "UTC";
}

/**
 * One session's page. Its people see the agenda, their own notes and the notes shared with the
 * pair or coordinators, the action items and what carried over from the pair's previous held
 * session (agenda items not done, action items still open). A manager sees the session, its action
 * items and only the notes shared with coordinators: never the agenda or private notes.
 */
export async function loadSession(
  deps: ServerDeps,
  membership: Membership,
  sessionId: string,
): Promise<SessionDetail> {
  const { orgId } = membership;
  const view = await deps.repos.sessions.findView(orgId, sessionId);
  const role = sessionViewerRole(view, membership);
  if (!view) throw new Error("unreachable");
  const content = deps.repos.sessionContent;
  const isManager = role === "admin";
  const [agenda, notes, actionItems, timeZone] = await Promise.all([
    isManager ? Promise.resolve([]) : content.agenda(orgId, sessionId),
    isManager
      ? content.coordinatorNotes(orgId, sessionId)
      : content.notes(orgId, sessionId, membership.userId as UserId, ["pair", "coordinators"]),
    content.actionItems(orgId, sessionId),
    viewerZone(deps, membership),
  ]);
  let carriedOver: SessionDetail["carriedOver"] = {
    previousSessionId: null,
    openAgenda: [],
    openActionItems: [],
  };
  const relationshipId = view.session.relationshipId;
  if (relationshipId && !isManager) {
    const previous = await deps.repos.sessions.previousHeld(
      orgId,
      relationshipId as RelationshipId,
      view.session.startsAt,
    );
    const [previousAgenda, openActions] = await Promise.all([
      previous ? content.agenda(orgId, previous.id) : Promise.resolve([]),
      content.openForRelationship(orgId, relationshipId, view.session.startsAt),
    ]);
    const carriedTexts = new Set(agenda.filter((item) => item.carriedFromSessionId).map((item) => item.text));
    carriedOver = {
      previousSessionId: previous?.id ?? null,
      openAgenda: previousAgenda
        .filter((item) => !item.done && item.status === "agreed" && !carriedTexts.has(item.text))
        .map(presentAgendaItem),
      openActionItems: openActions.map(presentActionItem),
    };
  }
  const now = deps.now();
  return {
    timeZone,
    session: presentSession(view, membership.userId, role, now),
    agenda: agenda.map(presentAgendaItem),
    notes: notes.map((note) => presentNote(note, membership.userId)),
    actionItems: actionItems.map(presentActionItem),
    carriedOver,
  };
}

/** A pair's sessions, for its two people and the organisation's managers: upcoming first, then past. */
export async function listRelationshipSessions(
  deps: ServerDeps,
  membership: Membership,
  relationshipId: string,
): Promise<SessionList> {
  const pair = await deps.repos.sessions.pairContext(membership.orgId, relationshipId);
  const side = pairSide(pair, membership, "read");
  const views = await deps.repos.sessions.listForRelationship(
    membership.orgId,
    relationshipId as RelationshipId,
  );
  const now = deps.now();
  const upcoming = views.filter(
    (view) => view.session.endsAt > now && ["proposed", "confirmed"].includes(view.session.status),
  );
  const past = views.filter((view) => !upcoming.includes(view)).reverse();
  return {
    timeZone: await viewerZone(deps, membership),
    sessions: [...upcoming, ...past].map((view) => presentSession(view, membership.userId, side, now)),
  };
}

/** My sessions across programmes: upcoming (default), past, or those starting in [from, to) (a week view). */
export async function listMySessions(
  deps: ServerDeps,
  membership: Membership,
  query: { when?: "upcoming" | "past"; from?: string; to?: string; limit?: number },
): Promise<SessionList> {
  const now = deps.now();
  const limit = query.limit ?? 50;
  let filter: Parameters<typeof deps.repos.sessions.listForUser>[2];
  if (query.from || query.to) {
    if (!query.from) throw invalidField("query.from", "is required with to");
    if (!query.to) throw invalidField("query.to", "is required with from");
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from) throw invalidField("query.to", "must be after from");
    if (to.getTime() - from.getTime() > 62 * 86_400_000)
      throw invalidField("query.to", "must be within 62 days of from");
    filter = { from, to, limit };
  } else filter = { when: query.when ?? "upcoming", now, limit };
  const views = await deps.repos.sessions.listForUser(membership.orgId, membership.userId as UserId, filter);
  return {
    timeZone: await viewerZone(deps, membership),
    sessions: views.map((view) =>
      presentSession(view, membership.userId, sessionViewerRole(view, membership), now),
    ),
  };
}
