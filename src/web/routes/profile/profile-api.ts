import { useQuery } from "@tanstack/react-query";
import { ErrorEnvelopeSchema, type Me } from "../../../contracts/index.ts";
import type { Photo } from "../../../contracts/profiles.ts";
import { ApiError } from "../../api/api-error.ts";
import { api, queryClient, queryKeys } from "../../api/queries.ts";

/** Query keys of the profile pages (all under ["org", orgId], dropped when the organisation changes). */
export const profileKeys = {
  mine: (orgId: string) => ["org", orgId, "profile"] as const,
  person: (orgId: string, userId: string) => ["org", orgId, "people", userId] as const,
  people: (orgId: string, q: string) => ["org", orgId, "people-search", q] as const,
  skills: (orgId: string) => ["org", orgId, "skills"] as const,
};

export function useSkillList(orgId: string) {
  return useQuery({
    queryKey: profileKeys.skills(orgId),
    queryFn: () => api.call("listSkills", { params: { orgId } }),
  });
}

/**
 * Uploads a photo as the raw body (the typed client sends JSON only), with the session's CSRF
 * token; errors come back as ApiError like every other call.
 */
export async function uploadPhotoFile(orgId: string, file: Blob): Promise<Photo> {
  const csrf = queryClient.getQueryData<Me | null>(queryKeys.me)?.csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/orgs/${encodeURIComponent(orgId)}/profile/photo`, {
      method: "PUT",
      credentials: "same-origin",
      headers: {
        "Content-Type": file.type,
        Accept: "application/json",
        ...(csrf ? { "X-CSRF-Token": csrf } : {}),
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach Trellis. Check your connection and try again.");
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as Photo;
  const envelope = ErrorEnvelopeSchema.safeParse(data);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    throw new ApiError(response.status, code, message, details ?? []);
  }
  throw new ApiError(response.status, "internal_error", `The upload failed (HTTP ${response.status}).`);
}
