import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/queries.ts";

export const emailTemplateKeys = {
  all: (orgId: string) => ["org", orgId, "email-templates"] as const,
};

/** Every kind of email the organisation may reword, with its wording and variables. */
export function useEmailTemplates(orgId: string) {
  return useQuery({
    queryKey: emailTemplateKeys.all(orgId),
    queryFn: () => api.call("listEmailTemplates", { params: { orgId } }),
  });
}
