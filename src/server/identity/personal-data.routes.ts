import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { Membership } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { clearSessionCookie } from "../http/session-cookie.ts";
import { recordAudit } from "./audit.ts";
import { attachment, toCsv } from "./csv.ts";
import { deleteAccount, exportPersonalData, personalDataHtml } from "./personal-data.ts";

type ExportKind = "members" | "participants" | "relationships";

const COLUMNS: Record<ExportKind, [key: string, title: string][]> = {
  members: [
    ["name", "name"],
    ["email", "email"],
    ["role", "role"],
    ["status", "status"],
    ["joined", "joined (UTC)"],
  ],
  participants: [
    ["programme", "programme"],
    ["name", "name"],
    ["email", "email"],
    ["role", "role"],
    ["status", "status"],
    ["mentorCapacity", "mentor capacity"],
    ["enrolled", "enrolled (UTC)"],
  ],
  relationships: [
    ["programme", "programme"],
    ["mentor", "mentor"],
    ["mentee", "mentee"],
    ["status", "status"],
    ["origin", "origin"],
    ["started", "started (UTC)"],
    ["ended", "ended (UTC)"],
    ["endsOn", "ends on"],
  ],
};

/** An admin's CSV export of the organisation, read and recorded in one transaction. */
async function orgExport(deps: ServerDeps, membership: Membership, kind: ExportKind): Promise<Buffer> {
  const now = deps.now();
  const rows = await inTransaction(deps.db, async (repos) => {
    const found = await repos.orgExports[kind](membership.orgId);
    await recordAudit(repos, now, [
      {
        orgId: membership.orgId,
        actorId: membership.userId,
        action: `export.${kind}`,
        details: { rows: found.length },
      },
    ]);
    return found;
  });
  return toCsv(
    COLUMNS[kind].map(([, title]) => title),
    rows.map((row) => COLUMNS[kind].map(([key]) => row[key] as string | number | null)),
  );
}

export function registerPersonalDataRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.exportMyData, async ({ auth, query, reply }) => {
    const data = await exportPersonalData(deps, auth.userId);
    const day = data.exportedAt.slice(0, 10);
    reply.header("cache-control", "no-store");
    if (query.format === "html") {
      reply
        .type("text/html; charset=utf-8")
        .header("content-disposition", attachment(`trellis-my-data-${day}.html`));
      return Buffer.from(personalDataHtml(data), "utf8");
    }
    reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", attachment(`trellis-my-data-${day}.json`));
    return Buffer.from(JSON.stringify(data, null, 2), "utf8");
  });

  defineRoute(
    app,
    deps,
    routes.deleteMyAccount,
    async ({ auth, body, reply }) => {
      await deleteAccount(deps, auth.userId, body.password);
      clearSessionCookie(deps, reply);
      return undefined;
    },
    { rateLimit: { max: deps.config.rateLimits.signInPerMinute, timeWindow: "1 minute" } },
  );

  for (const kind of ["members", "participants", "relationships"] as const) {
    const contract =
      kind === "members"
        ? routes.exportMembers
        : kind === "participants"
          ? routes.exportParticipants
          : routes.exportRelationships;
    defineRoute(app, deps, contract, async ({ membership, reply }) => {
      const csv = await orgExport(deps, membership, kind);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", attachment(`${kind}-${deps.now().toISOString().slice(0, 10)}.csv`))
        .header("cache-control", "no-store");
      return csv;
    });
  }
}
