import { useQuery } from "@tanstack/react-query";
import { api, queryKeys } from "../../api/queries.ts";

/** The organisation's sent email, newest first. The list carries each email whole, so one query serves both pages. */
export function useSentEmails(orgId: string) {
  return useQuery({
    queryKey: queryKeys.emails(orgId),
    queryFn: async () => {
      const list = await api.call("listSentEmails", { params: { orgId } });
      return { ...list, emails: [...list.emails].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
    },
  });
}
