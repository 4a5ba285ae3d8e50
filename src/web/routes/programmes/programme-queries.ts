import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Programme, ProgrammeListQuery } from "../../../contracts/programmes.ts";
import { api } from "../../api/queries.ts";

/** Query keys of the programmes screens (under the organisation, so switching organisation drops them). */
export const programmeKeys = {
  all: (orgId: string) => ["org", orgId, "programmes"] as const,
  list: (orgId: string, filters: ProgrammeListQuery) =>
    ["org", orgId, "programmes", "list", filters] as const,
  one: (orgId: string, programmeId: string) => ["org", orgId, "programmes", "one", programmeId] as const,
  templates: (orgId: string) => ["org", orgId, "programme-templates"] as const,
};

/** One programme, for the programme frame and its tabs (other tabs may use it too). */
export function useProgramme(orgId: string, programmeId: string) {
  return useQuery({
    queryKey: programmeKeys.one(orgId, programmeId),
    queryFn: () => api.call("getProgramme", { params: { orgId, programmeId } }),
  });
}

export function useProgrammes(orgId: string, filters: ProgrammeListQuery) {
  return useQuery({
    queryKey: programmeKeys.list(orgId, filters),
    queryFn: () => api.call("listProgrammes", { params: { orgId }, query: filters }),
  });
}

export function useProgrammeTemplates(orgId: string) {
  return useQuery({
    queryKey: programmeKeys.templates(orgId),
    queryFn: () => api.call("listProgrammeTemplates", { params: { orgId } }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** After a change: the programme as the server returned it, and every list refetched. */
export function useProgrammeSaved(orgId: string) {
  const client = useQueryClient();
  return (programme: Programme) => {
    client.setQueryData(programmeKeys.one(orgId, programme.id), programme);
    client.invalidateQueries({ queryKey: [...programmeKeys.all(orgId), "list"] });
  };
}
