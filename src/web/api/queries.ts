import { MutationCache, QueryCache, QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../contracts/index.ts";
import { isApiError } from "./api-error.ts";
import { createApiClient } from "./client.ts";

export const queryKeys = {
  me: ["me"] as const,
  setupStatus: ["setup-status"] as const,
  sessions: ["me", "sessions"] as const,
  org: (orgId: string) => ["org", orgId] as const,
  members: (orgId: string, filters: object) => ["org", orgId, "members", filters] as const,
  invitations: (orgId: string) => ["org", orgId, "invitations"] as const,
  emails: (orgId: string) => ["org", orgId, "emails"] as const,
  invitationPreview: (token: string) => ["invitation-preview", token] as const,
};

function signedOutElsewhere(error: unknown): void {
  // The session ended (revoked on another device, expired): forget who we were so the app asks to sign in.
  if (isApiError(error, "not_signed_in")) queryClient.setQueryData(queryKeys.me, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signedOutElsewhere }),
  mutationCache: new MutationCache({ onError: signedOutElsewhere }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Retry only what might succeed next time: network failures and server errors.
      retry: (failureCount, error) =>
        failureCount < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
    },
  },
});

export const api = createApiClient({
  getCsrfToken: () => queryClient.getQueryData<Me | null>(queryKeys.me)?.csrfToken,
  refreshCsrfToken: async () => {
    const me = await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 0 });
    return me?.csrfToken;
  },
  validateResponses: import.meta.env.DEV,
});

/**
 * The signed-in person, or null when signed out. Asks GET /api/session, which answers 200 either
 * way, so a signed-out page load logs no failed request.
 */
async function fetchMe(): Promise<Me | null> {
  try {
    return (await api.call("session")).me;
  } catch (error) {
    if (isApiError(error, "not_signed_in")) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe });
}

export function useSetupStatus(enabled = true) {
  return useQuery({ queryKey: queryKeys.setupStatus, queryFn: () => api.call("setupStatus"), enabled });
}

/**
 * Start a new session view from a Me the server just returned (set-up, sign-in, accept, reset,
 * switch): drop everything cached for the previous person or organisation.
 */
export function useStartSession() {
  const client = useQueryClient();
  return (me: Me) => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== "me" });
    client.removeQueries({ queryKey: queryKeys.sessions });
    client.setQueryData(queryKeys.me, me);
    client.setQueryData(queryKeys.setupStatus, { needsSetup: false });
  };
}

export function useEndSession() {
  const client = useQueryClient();
  return () => {
    client.clear();
    client.setQueryData(queryKeys.me, null);
  };
}

/** Whether the person may administer the current organisation (members, invitations, sent email). */
export function isAdminOf(me: Me): boolean {
  const membership = me.memberships.find((item) => item.orgId === me.currentOrgId);
  return membership?.role === "owner" || membership?.role === "admin";
}

export function currentMembership(me: Me) {
  return me.memberships.find((item) => item.orgId === me.currentOrgId);
}
