import type { OrgId } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { notFound } from "../http/app-error.ts";

/** Removes a skill from the list (404 when it is not on it); profiles naming it keep the name. */
export async function deleteSkill(deps: ServerDeps, orgId: OrgId, skillId: string): Promise<void> {
  if (!(await deps.repos.profiles.deleteSkill(orgId, skillId))) throw notFound("Skill not found.");
}
