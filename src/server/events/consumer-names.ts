/**
 * The consumers every event is delivered to, one delivery row each. Adding one here makes new
 * events reach it; events recorded before it was added never do (no backfill).
 */
export const CONSUMER_NAMES = ["notifications", "email", "calendar", "webhooks"] as const;
export type ConsumerName = (typeof CONSUMER_NAMES)[number];
