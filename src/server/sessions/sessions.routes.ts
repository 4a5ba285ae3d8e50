import type { FastifyInstance } from "fastify";
import { mentoringSessionRoutes as routes } from "../../contracts/sessions.routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { acceptSession } from "./accept-session.ts";
import { addActionItem, listMyActionItems, removeActionItem, updateActionItem } from "./action-items.ts";
import { addAgendaItem, removeAgendaItem, updateAgendaItem } from "./agenda.ts";
import { bookSession } from "./book-session.ts";
import { cancelSession } from "./cancel-session.ts";
import { declineSession } from "./decline-session.ts";
import { findSlots } from "./find-slots.ts";
import { listMySessions, listRelationshipSessions, loadSession } from "./load-session.ts";
import { addNote, removeNote, updateNote } from "./notes.ts";
import { programmeSessionStats } from "./programme-session-stats.ts";
import { recordSessionOutcome } from "./record-session-outcome.ts";
import { rescheduleSession } from "./reschedule-session.ts";
import { loadMyScheduling, updateMyScheduling } from "./scheduling.ts";
import { updateSessionDetails } from "./update-session-details.ts";
import { loadSessionSettings, updateSessionSettings } from "./session-settings.ts";

/** Registers the handlers of the mentoring sessions routes of the contract table. */
export function registerMentoringSessionRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.getMyScheduling, ({ membership }) => loadMyScheduling(deps, membership));
  defineRoute(app, deps, routes.updateMyScheduling, ({ membership, body }) =>
    updateMyScheduling(deps, membership, body),
  );
  defineRoute(app, deps, routes.findSlots, ({ membership, params, query }) =>
    findSlots(deps, membership, params.relationshipId, query),
  );
  defineRoute(app, deps, routes.listRelationshipSessions, ({ membership, params }) =>
    listRelationshipSessions(deps, membership, params.relationshipId),
  );
  defineRoute(app, deps, routes.bookSession, ({ membership, params, body }) =>
    bookSession(deps, membership, params.relationshipId, body),
  );
  defineRoute(app, deps, routes.listMySessions, ({ membership, query }) =>
    listMySessions(deps, membership, query),
  );
  defineRoute(app, deps, routes.getSession, ({ membership, params }) =>
    loadSession(deps, membership, params.sessionId),
  );
  defineRoute(app, deps, routes.acceptSession, ({ membership, params, body }) =>
    acceptSession(deps, membership, params.sessionId, body.version),
  );
  defineRoute(app, deps, routes.declineSession, ({ membership, params, body }) =>
    declineSession(deps, membership, params.sessionId, body.version, body.reason ?? null),
  );
  defineRoute(app, deps, routes.rescheduleSession, ({ membership, params, body }) =>
    rescheduleSession(deps, membership, params.sessionId, body),
  );
  defineRoute(app, deps, routes.updateSessionDetails, ({ membership, params, body }) =>
    updateSessionDetails(deps, membership, params.sessionId, body),
  );
  defineRoute(app, deps, routes.cancelSession, ({ membership, params, body }) =>
    cancelSession(deps, membership, params.sessionId, body.version, body.reason),
  );
  defineRoute(app, deps, routes.recordSessionOutcome, ({ membership, params, body }) =>
    recordSessionOutcome(deps, membership, params.sessionId, body.version, body.outcome),
  );
  defineRoute(app, deps, routes.addAgendaItem, ({ membership, params, body }) =>
    addAgendaItem(deps, membership, params.sessionId, body.text),
  );
  defineRoute(app, deps, routes.updateAgendaItem, ({ membership, params, body }) =>
    updateAgendaItem(deps, membership, params.sessionId, params.itemId, body),
  );
  defineRoute(app, deps, routes.removeAgendaItem, ({ membership, params }) =>
    removeAgendaItem(deps, membership, params.sessionId, params.itemId),
  );
  defineRoute(app, deps, routes.addNote, ({ membership, params, body }) =>
    addNote(deps, membership, params.sessionId, body),
  );
  defineRoute(app, deps, routes.updateNote, ({ membership, params, body }) =>
    updateNote(deps, membership, params.sessionId, params.itemId, body),
  );
  defineRoute(app, deps, routes.removeNote, ({ membership, params }) =>
    removeNote(deps, membership, params.sessionId, params.itemId),
  );
  defineRoute(app, deps, routes.addActionItem, ({ membership, params, body }) =>
    addActionItem(deps, membership, params.sessionId, body),
  );
  defineRoute(app, deps, routes.updateActionItem, ({ membership, params, body }) =>
    updateActionItem(deps, membership, params.sessionId, params.itemId, body),
  );
  defineRoute(app, deps, routes.removeActionItem, ({ membership, params }) =>
    removeActionItem(deps, membership, params.sessionId, params.itemId),
  );
  defineRoute(app, deps, routes.listMyActionItems, ({ membership }) => listMyActionItems(deps, membership));
  defineRoute(app, deps, routes.getSessionSettings, ({ membership, params }) =>
    loadSessionSettings(deps, membership, params.programmeId),
  );
  defineRoute(app, deps, routes.updateSessionSettings, ({ membership, params, body }) =>
    updateSessionSettings(deps, membership, params.programmeId, body),
  );
  defineRoute(app, deps, routes.programmeSessionStats, ({ membership, params }) =>
    programmeSessionStats(deps, membership, params.programmeId),
  );
}
