import type { LightMyRequestResponse } from "fastify";
import type { Programme } from "../../contracts/programmes.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { type Caller, inviteAndAccept, setUpOwner, type TestApp } from "../testing/test-app.ts";

/** An organisation with its owner, an admin and a member, all signed in. */
export async function setUpOrganisation(t: TestApp) {
  const owner = await setUpOwner(t.app);
  const orgId = owner.me.currentOrgId as OrgId;
  const admin = await inviteAndAccept(t, owner, orgId, { email: "admin@acme.test", role: "admin" });
  const member = await inviteAndAccept(t, owner, orgId, { email: "member@acme.test", role: "member" });
  return { owner, orgId, admin, member };
}

/** Calls the programmes API as one person. */
export function programmesApi(t: TestApp, orgId: string) {
  const base = `/api/orgs/${orgId}`;
  const call = (caller: Caller, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    t.app.inject({ method, url: `${base}${url}`, headers: caller.headers, ...(payload ? { payload } : {}) });
  return {
    call,
    templates: (caller: Caller) => call(caller, "GET", "/programme-templates"),
    list: (caller: Caller, query = "") => call(caller, "GET", `/programmes${query}`),
    create: (caller: Caller, body: object) => call(caller, "POST", "/programmes", body),
    get: (caller: Caller, id: string) => call(caller, "GET", `/programmes/${id}`),
    update: (caller: Caller, id: string, body: object) => call(caller, "PATCH", `/programmes/${id}`, body),
    duplicate: (caller: Caller, id: string) => call(caller, "POST", `/programmes/${id}/duplicate`),
    archive: (caller: Caller, id: string) => call(caller, "POST", `/programmes/${id}/archive`),
    transition: (caller: Caller, id: string, to: string) =>
      call(caller, "POST", `/programmes/${id}/transition`, { to }),
    preview: (caller: Caller, id: string, matchConfig: object) =>
      call(caller, "POST", `/programmes/${id}/criteria-preview`, { matchConfig }),
    /** Creates a programme and returns it; fails the test unless it is created. */
    async created(caller: Caller, body: object): Promise<Programme> {
      const response = await call(caller, "POST", "/programmes", body);
      if (response.statusCode !== 201)
        throw new Error(`create failed: ${response.statusCode} ${response.body}`);
      return response.json() as Programme;
    },
    /** Moves a programme through states in order; fails the test unless each move is allowed. */
    async moveTo(caller: Caller, id: string, ...states: string[]): Promise<Programme> {
      let last: LightMyRequestResponse | undefined;
      for (const to of states) {
        last = await call(caller, "POST", `/programmes/${id}/transition`, { to });
        if (last.statusCode !== 200) throw new Error(`move to ${to} failed: ${last.statusCode} ${last.body}`);
      }
      return last?.json() as Programme;
    },
  };
}

/** The error envelope's code and detail paths of a response. */
export function errorOf(response: LightMyRequestResponse) {
  const body = response.json() as {
    error: { code: string; message: string; details?: { path: string; message: string }[] };
  };
  return {
    status: response.statusCode,
    code: body.error.code,
    message: body.error.message,
    paths: (body.error.details ?? []).map((detail) => detail.path),
    details: body.error.details ?? [],
  };
}
