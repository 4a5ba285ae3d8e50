import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { isOrgAdmin } from "../../core/accounts/rules.ts";
import type { Membership, OrgId } from "../../core/accounts/types.ts";
import { ErrorEnvelopeSchema } from "../../contracts/errors.ts";
import type { RouteContract } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, forbidden, notFound } from "./app-error.ts";
import type { Authenticated } from "./session-cookie.ts";

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerInput<C extends RouteContract> {
  params: Infer<C["params"]>;
  query: Infer<C["query"]>;
  body: Infer<C["body"]>;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Present on every route whose access is not "public". */
  auth: C["access"] extends "public" ? Authenticated | null : Authenticated;
  /** The caller's active membership of the organisation in the path (org routes only). */
  membership: C["access"] extends "org-member" | "org-admin" ? Membership : undefined;
}

export type Handler<C extends RouteContract> = (
  input: HandlerInput<C>,
) => Promise<z.input<C["response"]> | undefined>;

export interface RouteOptions {
  /** Largest request body in bytes (default: the app's 1 MiB). */
  bodyLimit?: number;
  rateLimit?: {
    max: number;
    timeWindow: number | string;
    keyGenerator?: (request: FastifyRequest) => string;
  };
}

/**
 * Registers one route of the contract table: its schemas (validation and OpenAPI), its access
 * rule (sign-in, organisation membership, admin role) and its handler. A member of another
 * organisation gets 404 for any org-scoped route, so existence is never revealed.
 */
export function defineRoute<C extends RouteContract>(
  app: FastifyInstance,
  deps: ServerDeps,
  contract: C,
  handler: Handler<C>,
  options: RouteOptions = {},
): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: contract.method,
    url: contract.path,
    config: options.rateLimit ? { rateLimit: options.rateLimit } : {},
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    schema: {
      summary: contract.summary,
      tags: [contract.tag],
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.body ? { body: contract.body } : {}),
      response:
        contract.status === 204 ? {} : { [contract.status]: contract.response, "4xx": ErrorEnvelopeSchema },
    },
    handler: async (request, reply) => {
      const auth = request.auth;
      let membership: Membership | undefined;
      if (contract.access !== "public") {
        if (!auth) throw new AppError("not_signed_in", "Sign in to continue.");
        if (contract.access === "org-member" || contract.access === "org-admin") {
          const orgId = (request.params as { orgId: OrgId }).orgId;
          // The active memberships came with the session (same query); a session started by
          // this request has none loaded, so ask the database.
          const found = auth.user
            ? auth.user.memberships.find((candidate) => candidate.orgId === orgId)
            : await deps.repos.organisations.findMember(orgId, auth.userId);
          if (found?.status !== "active") throw notFound("Organisation not found.");
          if (contract.access === "org-admin" && !isOrgAdmin(found.role))
            throw forbidden("Only admins of this organisation can do that.");
          // An organisation may require two-factor of its admins: without it, admin routes refuse.
          if (
            contract.access === "org-admin" &&
            (await deps.repos.identity.orgsRequiringTwoFactorOf(auth.userId, [orgId])).length > 0
          ) {
            throw new AppError(
              "two_factor_required",
              "This organisation requires two-factor sign-in for admins. Turn it on in My account.",
            );
          }
          membership = found;
        }
      }
      const result = await handler({
        params: request.params,
        query: request.query,
        body: request.body,
        request,
        reply,
        auth,
        membership,
      } as unknown as HandlerInput<C>);
      if (reply.statusCode === 200) reply.status(contract.status);
      return contract.status === 204 ? reply.send() : reply.send(result);
    },
  });
}
