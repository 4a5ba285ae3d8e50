import type { LightMyRequestResponse } from "fastify";
import type { CreateRequest } from "../../contracts/requests.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import {
  addPeople,
  createProgramme,
  type FixturePerson,
  signInFixture,
} from "../testing/programme-fixtures.ts";
import type { Caller, TestApp } from "../testing/test-app.ts";

/** A GROW request body to `mentorId` (each field a sentence). */
export function growBody(mentorId: string, overrides: Partial<CreateRequest> = {}): CreateRequest {
  return {
    mentorId,
    goal: "Lead the design of a service end to end.",
    reality: "I build features but have not owned a design.",
    options: "Shadow a staff engineer; write design docs.",
    will: "Write one design doc a month.",
    expectations: {
      cadence: "fortnightly",
      formats: ["video", "in_person"],
      minutesPerMonth: 90,
      note: "Mornings",
    },
    ...overrides,
  };
}

/** Calls the API as a caller (JSON in, the response back). */
export function call(
  t: TestApp,
  caller: Caller,
  method: "GET" | "POST",
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: caller.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

export interface SelfMatchWorld {
  orgId: OrgId;
  programme: ProgrammeRecord;
  ids: Record<string, UserId>;
  callers: Record<string, Caller>;
}

/**
 * A running programme open to self-match (expiry 14 days, reminder 3 days, cap 3) with the given
 * people, each signed in (keys: the part of the email before "@").
 */
export async function selfMatchWorld(
  t: TestApp,
  orgId: OrgId,
  people: readonly FixturePerson[],
  programme: Partial<Parameters<typeof createProgramme>[2]> = {},
): Promise<SelfMatchWorld> {
  const created = await createProgramme(t, orgId, {
    requestExpiryDays: 14,
    requestReminderDays: 3,
    pendingRequestCap: 3,
    ...programme,
  });
  const ids = await addPeople(t, orgId, created.id, people);
  const callers: Record<string, Caller> = {};
  for (const person of people) callers[person.email.split("@")[0]] = await signInFixture(t, person.email);
  const byName = Object.fromEntries(Object.entries(ids).map(([email, id]) => [email.split("@")[0], id]));
  return { orgId, programme: created, ids: byName as Record<string, UserId>, callers };
}

export const requestsUrl = (world: SelfMatchWorld) =>
  `/api/orgs/${world.orgId}/programmes/${world.programme.id}/requests`;
export const requestUrl = (world: SelfMatchWorld, id: string, action?: string) =>
  `/api/orgs/${world.orgId}/requests/${id}${action ? `/${action}` : ""}`;

/** Sends a request as a mentee and returns its id (throws unless 201). */
export async function sendRequest(
  t: TestApp,
  world: SelfMatchWorld,
  mentee: string,
  mentor: string,
): Promise<string> {
  const response = await call(
    t,
    world.callers[mentee],
    "POST",
    requestsUrl(world),
    growBody(world.ids[mentor]),
  );
  if (response.statusCode !== 201) throw new Error(`send failed: ${response.statusCode} ${response.body}`);
  return response.json().id;
}
