import type { CriteriaPreview } from "../../contracts/programmes.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { MatchConfig } from "../../core/matching/scoring/match-config.ts";
import { MatchInputError } from "../../core/matching/scoring/validate-config.ts";
import { previewCriteria, previewSample } from "../../core/programmes/criteria-preview.ts";
import { toMatcherProgramme } from "../../core/programmes/matcher-input.ts";
import { mondayOf } from "../../core/programmes/programme-settings.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { UserId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";

/**
 * The live preview of a candidate match config over the programme's active participants (nothing
 * is saved). Time zones are read for the config's reference week, or this week. Above the pair
 * budget only a deterministic sample of the mentees is loaded (ids and roles are read first), so
 * a programme of 5,000 × 1,000 loads 2,000 profiles, not 6,000.
 */
export async function previewProgrammeCriteria(
  deps: ServerDeps,
  actor: Membership,
  programmeId: ProgrammeId,
  config: MatchConfig,
): Promise<CriteriaPreview> {
  const programme = await deps.repos.programmes.find(actor.orgId, programmeId);
  if (!programme) throw notFound("Programme not found.");
  const sample = previewSample(await deps.repos.programmes.activeRoles(actor.orgId, programmeId));
  const [participants, pairs] = await Promise.all([
    deps.repos.participants.listActive(
      actor.orgId,
      programmeId,
      sample.keep ? { userIds: [...sample.keep] as UserId[] } : {},
    ),
    deps.repos.participants.pairs(actor.orgId, programmeId),
  ]);
  const referenceWeek = config.referenceWeek ?? mondayOf(deps.now().toISOString().slice(0, 10));
  try {
    const preview = previewCriteria(toMatcherProgramme(participants, pairs), config, {
      referenceWeek,
      sample,
    });
    return { ...preview, referenceWeek };
  } catch (error) {
    // A participant's stored data the matcher cannot read is a problem to fix, not a crash.
    if (error instanceof MatchInputError)
      throw new AppError("domain_rule", `The participants cannot be matched as stored: ${error.message}`);
    throw error;
  }
}
