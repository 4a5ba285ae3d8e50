import type { UpdateSkillRequest } from "../../contracts/profiles.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { SkillRecord } from "../../db/repositories/profiles.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";
import { nameTaken } from "./create-skill.ts";

/**
 * Renames a skill or changes its category. Profiles keep the names they chose (a renamed or
 * deleted skill stays on them as a free addition).
 */
export async function updateSkill(
  deps: ServerDeps,
  orgId: OrgId,
  skillId: string,
  input: UpdateSkillRequest,
): Promise<SkillRecord> {
  const changes: { name?: string; category?: string | null } = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.category !== undefined) changes.category = input.category;
  const result = await deps.repos.profiles.updateSkill(orgId, skillId, changes);
  if (result === "conflict") throw nameTaken(input.name ?? "");
  if (!result) throw notFound("Skill not found.");
  return result;
}
