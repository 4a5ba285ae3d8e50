import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership, UserId } from "../../core/accounts/types.ts";
import {
  type RequestAction,
  type RequestParty,
  refuseRequestAction,
} from "../../core/requests/request-status.ts";
import type { RequestId, RequestStatus } from "../../core/programmes/types.ts";
import type { Repositories } from "../../db/index.ts";
import type {
  MentoringRequestRecord,
  MentoringRequestView,
} from "../../db/repositories/requests.repository.ts";
import { AppError, forbidden, notFound } from "../http/app-error.ts";
import type { RequestViewer } from "./request.presenter.ts";
import type { NoticeRequest } from "./request-notices.ts";

const NOT_FOUND = "Request not found.";

/** Which side of the request a person is on, if any. */
export function partyOf(request: MentoringRequestRecord, userId: UserId): RequestParty | null {
  if (request.menteeId === userId) return "mentee";
  if (request.mentorId === userId) return "mentor";
  return null;
}

/**
 * Who may read a request: its mentee, its mentor, or an admin of the organisation (who sees
 * states and dates only). Anyone else, and anyone of another organisation, gets 404.
 */
export function viewerOf(request: MentoringRequestRecord, membership: Membership): RequestViewer {
  const party = partyOf(request, membership.userId);
  if (party) return party;
  if (isOrgAdmin(membership.role)) return "admin";
  throw notFound(NOT_FOUND);
}

/** 409 naming the state the request is in now. */
export function wrongState(message: string, status: RequestStatus): AppError {
  return new AppError("conflict", message, [{ path: "request.status", message: status }]);
}

/**
 * The request, checked for `action` by the caller: 404 for people who may not see it, 403 for
 * the wrong side (or an admin, who may look but not act), 409 for the wrong state.
 */
export async function requestForAction(
  repos: Repositories,
  membership: Membership,
  requestId: RequestId,
  action: RequestAction,
): Promise<MentoringRequestRecord> {
  const request = await repos.requests.find(membership.orgId, requestId);
  if (!request) throw notFound(NOT_FOUND);
  const viewer = viewerOf(request, membership);
  const refusal = refuseRequestAction(action, viewer === "admin" ? "observer" : viewer, request.status);
  if (refusal?.kind === "wrong_party") throw forbidden(refusal.message);
  if (refusal) throw wrongState(refusal.message, refusal.status);
  return request;
}

/**
 * After a conditional update found the request no longer in an allowed state (someone else acted
 * first): the 409 with the state it is in now.
 */
export async function lostRace(
  repos: Repositories,
  request: MentoringRequestRecord,
  action: RequestAction,
  party: RequestParty,
): Promise<AppError> {
  const now = await repos.requests.find(request.orgId, request.id);
  const status = now?.status ?? request.status;
  const refusal = refuseRequestAction(action, party, status);
  return wrongState(refusal?.message ?? `This request is ${status} now.`, status);
}

/** The names a notice needs, from a view. */
export function noticeRequest(view: MentoringRequestView): NoticeRequest {
  return {
    id: view.id,
    orgId: view.orgId,
    menteeId: view.menteeId,
    mentorId: view.mentorId,
    menteeName: view.menteeName,
    mentorName: view.mentorName,
    programmeName: view.programmeName,
  };
}

/** A request's view, which must exist (it was just read or changed in this transaction). */
export async function viewOf(
  repos: Repositories,
  request: MentoringRequestRecord,
): Promise<MentoringRequestView> {
  const view = await repos.requests.findView(request.orgId, request.id);
  if (!view) throw notFound(NOT_FOUND);
  return view;
}
