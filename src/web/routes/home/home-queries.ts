import { useQuery } from "@tanstack/react-query";
import type { Home } from "../../../contracts/home.ts";
import { parseTopic, type Topic, topic } from "../../../contracts/realtime.ts";
import { api } from "../../api/queries.ts";
import { useRealtime } from "../../api/realtime.ts";

export const homeKeys = {
  home: (orgId: string) => ["org", orgId, "home"] as const,
};

/** At most this many programmes are heard (each with up to two runs; a socket takes 100 topics). */
const MAX_PROGRAMME_TOPICS = 30;

/**
 * Home's one read, kept live: a push about me or the organisation (a request, an agreement, a
 * notification) refetches it through the realtime client, and so does one about a programme an
 * admin sees here or its running matching run or import (their progress). It is also read again
 * when the tab gets focus; there is no polling loop.
 */
export function useHome(orgId: string | null, userId: string) {
  const home = useQuery({
    queryKey: homeKeys.home(orgId ?? "none"),
    queryFn: () => api.call("home", { params: { orgId: orgId! } }),
    enabled: Boolean(orgId),
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
  const { refetch } = home;
  useRealtime(homeTopics(orgId, userId, home.data), (heard) => {
    // Pushes on user: and org: already refetch every query of the organisation, Home's included.
    if (heard.some((value) => !["user", "org"].includes(parseTopic(value)?.kind ?? ""))) void refetch();
  });
  return home;
}

/** The topics Home listens to: me, my organisation, and for admins each programme and its running work. */
export function homeTopics(orgId: string | null, userId: string, home: Home | undefined): Topic[] {
  if (!orgId) return [];
  const topics: Topic[] = [topic("user", userId), topic("org", orgId)];
  for (const programme of (home?.manager?.programmes ?? []).slice(0, MAX_PROGRAMME_TOPICS)) {
    topics.push(topic("programme", programme.id));
    for (const work of programme.work)
      topics.push(topic(work.kind === "matching" ? "match-run" : "csv-import", work.id));
  }
  return topics;
}
