import type { FastifyInstance } from "fastify";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import { routes } from "../../contracts/routes.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { defineRoute } from "../http/define-route.ts";
import { addParticipantsByEmail } from "./add-by-email.ts";
import { decideRegistration } from "./decide-registration.ts";
import {
  presentCounts,
  presentEnrolment,
  presentImport,
  presentImportSummary,
  presentParticipant,
  presentProgrammeForRegistration,
} from "./enrolment.presenter.ts";
import { followJoinLink, joinByLink } from "./join-by-link.ts";
import { createJoinLink, disableJoinLink } from "./join-link.ts";
import { moveMyEnrolment, updateMyEnrolment } from "./my-enrolment.ts";
import { previewImport } from "./preview-import.ts";
import { programmeFor, registrationForm } from "./enrolment.policy.ts";
import { registerForProgramme } from "./register.ts";
import { removeParticipant } from "./remove-participant.ts";
import { importsSettled } from "./run-import.ts";
import { startImport } from "./start-import.ts";
import { updateParticipant } from "./update-participant.ts";

/** CSV bodies of 10,000 rows and more exceed the app's 1 MiB default. */
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;
/** An import still "running" this long after it started was stopped by a restart. */
const ABANDONED_AFTER_MS = 30 * 60_000;

/** Registers the handlers of the enrolment routes of the contract table. */
export function registerEnrolmentRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.addHook("onClose", async () => importsSettled(deps));
  const { emailPerHour } = deps.config.rateLimits;
  const perAdmin = {
    max: emailPerHour * 5,
    timeWindow: "1 hour",
    keyGenerator: (request: { auth: { userId: string } | null; ip: string }) =>
      request.auth?.userId ?? request.ip,
  };
  const onImportError = (error: unknown) => app.log.error({ err: error }, "participant import failed");

  // ---- A member's own place -------------------------------------------------------------------

  defineRoute(app, deps, routes.getMyEnrolment, async ({ membership, params }) => {
    const programme = await programmeFor(deps.repos, membership, params.programmeId);
    const enrolment = await deps.repos.enrolments.findForUser(
      membership.orgId,
      programme.id,
      membership.userId,
    );
    return {
      programme: presentProgrammeForRegistration(programme),
      enrolment: enrolment ? presentEnrolment(enrolment, registrationForm(programme)) : null,
    };
  });

  defineRoute(app, deps, routes.registerForProgramme, async ({ membership, params, body }) => {
    const { enrolment, programme } = await registerForProgramme(
      deps,
      membership,
      params.programmeId,
      body,
      "self",
    );
    return presentEnrolment(enrolment, registrationForm(programme));
  });

  defineRoute(app, deps, routes.updateMyEnrolment, async ({ membership, params, body }) => {
    const { enrolment, programme } = await updateMyEnrolment(deps, membership, params.programmeId, body);
    return presentEnrolment(enrolment, registrationForm(programme));
  });

  defineRoute(app, deps, routes.pauseMyEnrolment, async ({ membership, params, body }) => {
    const { enrolment, programme } = await moveMyEnrolment(
      deps,
      membership,
      params.programmeId,
      "pause",
      body.until,
    );
    return presentEnrolment(enrolment, registrationForm(programme));
  });

  defineRoute(app, deps, routes.resumeMyEnrolment, async ({ membership, params }) => {
    const { enrolment, programme } = await moveMyEnrolment(deps, membership, params.programmeId, "resume");
    return presentEnrolment(enrolment, registrationForm(programme));
  });

  defineRoute(app, deps, routes.leaveProgramme, async ({ membership, params }) => {
    await moveMyEnrolment(deps, membership, params.programmeId, "leave");
    return undefined;
  });

  // ---- Admins: participants -------------------------------------------------------------------

  defineRoute(app, deps, routes.listParticipants, async ({ membership, params, query }) => {
    const programme = await programmeFor(deps.repos, membership, params.programmeId);
    const form = registrationForm(programme);
    const { participants, total } = await deps.repos.enrolments.listParticipants(
      membership.orgId,
      programme.id,
      query,
    );
    const counts = await deps.repos.enrolments.countParticipants(membership.orgId, programme.id);
    return {
      participants: participants.map((participant) => presentParticipant(participant, form)),
      total,
      counts: presentCounts(counts),
    };
  });

  defineRoute(
    app,
    deps,
    routes.addParticipantsByEmail,
    async ({ membership, params, body }) =>
      addParticipantsByEmail(deps, membership, params.programmeId, body),
    { rateLimit: perAdmin },
  );

  defineRoute(app, deps, routes.updateParticipant, async ({ membership, params, body }) => {
    const { participant, programme } = await updateParticipant(
      deps,
      membership,
      params.programmeId,
      params.enrolmentId,
      body,
    );
    return presentParticipant(participant, registrationForm(programme));
  });

  defineRoute(app, deps, routes.approveParticipant, async ({ membership, params }) => {
    const { participant, programme } = await decideRegistration(
      deps,
      membership,
      params.programmeId,
      params.enrolmentId,
      {
        move: "approve",
      },
    );
    return presentParticipant(participant, registrationForm(programme));
  });

  defineRoute(app, deps, routes.declineParticipant, async ({ membership, params, body }) => {
    const { participant, programme } = await decideRegistration(
      deps,
      membership,
      params.programmeId,
      params.enrolmentId,
      {
        move: "decline",
        reason: body.reason,
      },
    );
    return presentParticipant(participant, registrationForm(programme));
  });

  defineRoute(app, deps, routes.removeParticipant, async ({ membership, params }) => {
    await removeParticipant(deps, membership, params.programmeId, params.enrolmentId);
    return undefined;
  });

  // ---- Join link ------------------------------------------------------------------------------

  defineRoute(app, deps, routes.getJoinLink, async ({ membership, params }) => {
    const programme = await programmeFor(deps.repos, membership, params.programmeId);
    return { active: await deps.repos.enrolments.hasJoinLink(membership.orgId, programme.id) };
  });

  defineRoute(app, deps, routes.createJoinLink, async ({ membership, params }) => ({
    active: true as const,
    ...(await createJoinLink(deps, membership, params.programmeId)),
  }));

  defineRoute(app, deps, routes.disableJoinLink, async ({ membership, params }) => {
    await disableJoinLink(deps, membership, params.programmeId);
    return undefined;
  });

  defineRoute(app, deps, routes.previewJoinLink, async ({ auth, params }) => {
    const { membership, programme, enrolment } = await followJoinLink(deps, auth.userId, params.token);
    return {
      orgId: membership.orgId,
      orgName: membership.orgName,
      programme: presentProgrammeForRegistration(programme),
      enrolment: enrolment ? presentEnrolment(enrolment, registrationForm(programme)) : null,
    };
  });

  defineRoute(app, deps, routes.joinProgrammeByLink, async ({ auth, params, body }) => {
    const { enrolment, programme } = await joinByLink(deps, auth.userId, params.token, body);
    return { orgId: programme.orgId, enrolment: presentEnrolment(enrolment, registrationForm(programme)) };
  });

  // ---- CSV import -----------------------------------------------------------------------------

  defineRoute(
    app,
    deps,
    routes.previewParticipantImport,
    async ({ membership, params, body }) => previewImport(deps, membership, params.programmeId, body),
    { bodyLimit: IMPORT_BODY_LIMIT },
  );

  defineRoute(
    app,
    deps,
    routes.startParticipantImport,
    async ({ membership, params, body }) => {
      const { record, programme } = await startImport(
        deps,
        membership,
        params.programmeId,
        body,
        onImportError,
      );
      return presentImport(record, registrationForm(programme));
    },
    { bodyLimit: IMPORT_BODY_LIMIT },
  );

  const failAbandoned = (orgId: OrgId) => {
    const now = deps.now();
    return deps.repos.csvImports.failAbandoned(orgId, new Date(now.getTime() - ABANDONED_AFTER_MS), now);
  };

  defineRoute(app, deps, routes.listParticipantImports, async ({ membership, params }) => {
    const programme = await programmeFor(deps.repos, membership, params.programmeId);
    await failAbandoned(membership.orgId);
    const imports = await deps.repos.csvImports.listRecent(membership.orgId, programme.id, 20);
    return { imports: imports.map(presentImportSummary) };
  });

  defineRoute(app, deps, routes.getParticipantImport, async ({ membership, params }) => {
    const programme = await programmeFor(deps.repos, membership, params.programmeId);
    await failAbandoned(membership.orgId);
    const record = await deps.repos.csvImports.find(
      membership.orgId,
      programme.id as ProgrammeId,
      params.importId,
    );
    if (!record) throw notFound("Import not found.");
    return presentImport(record, registrationForm(programme));
  });
}
