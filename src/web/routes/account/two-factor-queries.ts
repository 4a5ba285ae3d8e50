import { useQuery } from "@tanstack/react-query";
import { api, queryKeys } from "../../api/queries.ts";

// Apart from the card so that the app shell's two-factor gate does not pull the card (and its
// forms) into the first load.
export const twoFactorKey = [...queryKeys.me, "two-factor"] as const;

/** Whether I have two-factor sign-in on, and which of my organisations require it. */
export function useTwoFactorStatus(enabled = true) {
  return useQuery({ queryKey: twoFactorKey, queryFn: () => api.call("twoFactorStatus"), enabled });
}
