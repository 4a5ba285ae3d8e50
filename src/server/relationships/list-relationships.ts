import type { RelationshipList, RelationshipListQuerySchema } from "../../contracts/relationships.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { z } from "zod";
import type { ServerDeps } from "../deps.ts";
import { presentManagedRelationship } from "./relationship.presenter.ts";

/**
 * The managers' list of relationships: filtered by programme, state and name, paged, with days
 * since each pair's last activity. States, dates and counts only: nothing the pair wrote.
 */
export async function listRelationships(
  deps: ServerDeps,
  orgId: OrgId,
  query: z.output<typeof RelationshipListQuerySchema>,
): Promise<RelationshipList> {
  const { rows, total, counts } = await deps.repos.relationships.listForOrg(orgId, {
    programmeId: query.programmeId as ProgrammeId | undefined,
    status: query.status,
    q: query.q || undefined,
    sort: query.sort,
    limit: query.limit,
    offset: query.offset,
  });
  const now = deps.now();
  return { relationships: rows.map((row) => presentManagedRelationship(row, now)), total, counts };
}
