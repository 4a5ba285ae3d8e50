import type { FastifyInstance } from "fastify";
import { routes } from "../../contracts/routes.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { assignMentor } from "./assign-mentor.ts";
import { cancelMatchRun } from "./cancel-match-run.ts";
import { listDraftPairs, listUnmatched } from "./list-draft.ts";
import { listMentorOptions } from "./list-mentor-options.ts";
import { presentRun } from "./match-run.presenter.ts";
import { publishMatchRun } from "./publish-match-run.ts";
import { getMatchRun, listMatchRuns } from "./read-match-run.ts";
import { removePair } from "./remove-pair.ts";
import { createRunRegistry, type RunRegistry } from "./run-registry.ts";
import { setPairLock } from "./set-pair-lock.ts";
import { startMatchRun } from "./start-match-run.ts";
import { swapMentors } from "./swap-mentors.ts";

const registries = new WeakMap<FastifyInstance, RunRegistry>();

/** The runs an app instance is executing (tests wait on `idle()` before closing a database). */
export function runRegistryOf(app: FastifyInstance): RunRegistry {
  const registry = registries.get(app);
  if (!registry) throw new Error("bulk-matching routes are not registered on this app");
  return registry;
}

/** Registers the handlers of the bulk-matching routes of the contract table. */
export function registerBulkMatchingRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const registry = createRunRegistry();
  registries.set(app, registry);
  // Runs of this instance stop (recorded as failed) before the database closes.
  app.addHook("onClose", () => registry.shutdown());
  const programmeOf = (params: { programmeId: string }) => params.programmeId as ProgrammeId;

  defineRoute(app, deps, routes.startMatchRun, async ({ membership, params, body }) =>
    presentRun(await startMatchRun(deps, registry, membership, programmeOf(params), body), null),
  );

  defineRoute(app, deps, routes.listMatchRuns, async ({ membership, params }) => ({
    runs: await listMatchRuns(deps, membership.orgId, programmeOf(params)),
  }));

  defineRoute(app, deps, routes.getMatchRun, async ({ membership, params }) =>
    getMatchRun(deps, membership.orgId, programmeOf(params), params.runId),
  );

  defineRoute(app, deps, routes.listMatchRunPairs, async ({ membership, params, query }) =>
    listDraftPairs(deps, membership.orgId, programmeOf(params), params.runId, query),
  );

  defineRoute(app, deps, routes.listMatchRunUnmatched, async ({ membership, params, query }) =>
    listUnmatched(deps, membership.orgId, programmeOf(params), params.runId, query),
  );

  defineRoute(app, deps, routes.listMatchRunMentors, async ({ membership, params, query }) =>
    listMentorOptions(deps, registry, membership.orgId, programmeOf(params), params.runId, query),
  );

  defineRoute(app, deps, routes.cancelMatchRun, async ({ membership, params }) =>
    cancelMatchRun(deps, registry, membership.orgId, programmeOf(params), params.runId),
  );

  defineRoute(app, deps, routes.lockMatchPair, async ({ membership, params }) =>
    setPairLock(deps, membership.orgId, programmeOf(params), params.runId, params.menteeId, true),
  );

  defineRoute(app, deps, routes.unlockMatchPair, async ({ membership, params }) =>
    setPairLock(deps, membership.orgId, programmeOf(params), params.runId, params.menteeId, false),
  );

  defineRoute(app, deps, routes.assignMatchMentor, async ({ membership, params, body }) =>
    assignMentor(
      deps,
      registry,
      membership.orgId,
      programmeOf(params),
      params.runId,
      params.menteeId,
      body.mentorId,
    ),
  );

  defineRoute(app, deps, routes.removeMatchPair, async ({ membership, params }) =>
    removePair(deps, membership.orgId, programmeOf(params), params.runId, params.menteeId),
  );

  defineRoute(app, deps, routes.swapMatchMentors, async ({ membership, params, body }) =>
    swapMentors(deps, registry, membership.orgId, programmeOf(params), params.runId, body),
  );

  defineRoute(app, deps, routes.publishMatchRun, async ({ membership, params }) =>
    publishMatchRun(deps, registry, membership, programmeOf(params), params.runId),
  );
}
