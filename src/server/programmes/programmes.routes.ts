import type { FastifyInstance } from "fastify";
import type { MatchConfig } from "../../core/matching/scoring/match-config.ts";
import { PROGRAMME_TEMPLATES } from "../../core/programmes/templates.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../http/define-route.ts";
import { createProgramme } from "./create-programme.ts";
import { duplicateProgramme } from "./duplicate-programme.ts";
import { listProgrammes } from "./list-programmes.ts";
import { previewProgrammeCriteria } from "./preview-criteria.ts";
import { adminViewer, loadProgrammeFor } from "./programmes.policy.ts";
import { presentProgramme, presentProgrammeSummary, presentTemplate } from "./programme.presenter.ts";
import { transitionProgramme } from "./transition-programme.ts";
import { updateProgramme } from "./update-programme.ts";

/** A preview of 5,000 × 1,000 takes a moment of CPU: a few at once per person is plenty. */
const previewRateLimit = {
  max: 120,
  timeWindow: "1 minute",
  keyGenerator: (request: { auth: { userId: string } | null; ip: string }) =>
    request.auth?.userId ?? request.ip,
};

/** Registers the handlers of the programmes routes of the contract table. */
export function registerProgrammeRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, routes.listProgrammeTemplates, async () => ({
    templates: PROGRAMME_TEMPLATES.map(presentTemplate),
  }));

  defineRoute(app, deps, routes.listProgrammes, async ({ membership, query }) => ({
    programmes: (await listProgrammes(deps, membership, query)).map(({ programme, viewer }) =>
      presentProgrammeSummary(programme, viewer),
    ),
  }));

  defineRoute(app, deps, routes.createProgramme, async ({ membership, body }) => {
    const programme = await createProgramme(deps, membership, body);
    return presentProgramme(programme, await adminViewer(deps, membership, programme));
  });

  defineRoute(app, deps, routes.getProgramme, async ({ membership, params }) => {
    const { programme, viewer } = await loadProgrammeFor(deps, membership, params.programmeId as ProgrammeId);
    return presentProgramme(programme, viewer);
  });

  defineRoute(app, deps, routes.updateProgramme, async ({ membership, params, body }) => {
    const programme = await updateProgramme(deps, membership, params.programmeId as ProgrammeId, body);
    return presentProgramme(programme, await adminViewer(deps, membership, programme));
  });

  defineRoute(app, deps, routes.duplicateProgramme, async ({ membership, params }) => {
    const programme = await duplicateProgramme(deps, membership, params.programmeId as ProgrammeId);
    return presentProgramme(programme, await adminViewer(deps, membership, programme));
  });

  defineRoute(app, deps, routes.archiveProgramme, async ({ membership, params }) => {
    const programme = await transitionProgramme(
      deps,
      membership,
      params.programmeId as ProgrammeId,
      "archived",
    );
    return presentProgramme(programme, await adminViewer(deps, membership, programme));
  });

  defineRoute(app, deps, routes.transitionProgramme, async ({ membership, params, body }) => {
    const programme = await transitionProgramme(deps, membership, params.programmeId as ProgrammeId, body.to);
    return presentProgramme(programme, await adminViewer(deps, membership, programme));
  });

  defineRoute(
    app,
    deps,
    routes.previewCriteria,
    async ({ membership, params, body }) =>
      previewProgrammeCriteria(
        deps,
        membership,
        params.programmeId as ProgrammeId,
        body.matchConfig as MatchConfig,
      ),
    { rateLimit: previewRateLimit },
  );
}
