import { z } from "zod";
import { MeSchema } from "./accounts.ts";
import { type RouteContract, route } from "./route-contract.ts";

/**
 * Whether this browser is signed in, and as whom. Public and always 200, so the web app's check
 * on every page load is not a failed request (a 401 on /api/me logged a console error for every
 * signed-out visitor).
 */
export const SessionStateSchema = z.object({
  signedIn: z.boolean(),
  me: MeSchema.nullable().describe("The same as GET /api/me when signed in; null otherwise"),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

export const sessionRoutes = {
  session: route({
    method: "GET",
    path: "/api/session",
    summary: "Whether I am signed in, and as whom (never 401)",
    tag: "accounts",
    access: "public",
    status: 200,
    response: SessionStateSchema,
  }),
} satisfies Record<string, RouteContract>;
