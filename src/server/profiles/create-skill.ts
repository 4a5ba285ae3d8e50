import type { CreateSkillRequest } from "../../contracts/profiles.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { SkillRecord } from "../../db/repositories/profiles.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";

/** The 409 for a name already on the list, naming the field. */
export const nameTaken = (name: string) =>
  new AppError("conflict", `"${name}" is already on the skill list.`, [
    { path: "body.name", message: "is already on the skill list" },
  ]);

/**
 * Adds a skill to the organisation's list. Names are unique ignoring case; the unique index
 * decides, so two admins adding "Go" and "go" at once get one skill and one 409.
 */
export async function createSkill(
  deps: ServerDeps,
  orgId: OrgId,
  input: CreateSkillRequest,
): Promise<SkillRecord> {
  const skill = await deps.repos.profiles.insertSkill(orgId, {
    name: input.name,
    category: input.category ?? null,
  });
  if (!skill) throw nameTaken(input.name);
  return skill;
}
