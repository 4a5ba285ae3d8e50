import type { notificationRoutes } from "../../../contracts/notifications.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each notifications route that takes one. */
export const notificationSamples: SampleBodiesFor<typeof notificationRoutes> = {
  markNotificationsRead: { ids: ["00000000-0000-4000-8000-00000000a007"] },
};
