/**
 * A mentor's typical response time: the median time from a request being sent to the mentor's
 * first answer (accept, decline or a question), over their recent requests.
 */

/** The window of requests a response time is computed over. */
export const RESPONSE_TIME_WINDOW_DAYS = 90;

/**
 * The median of durations in milliseconds, or null for none.
 *
 * Example: medianMs([3_600_000, 7_200_000, 86_400_000]) === 7_200_000
 * Example: medianMs([1, 3]) === 2
 */
export function medianMs(durations: readonly number[]): number | null {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const HOUR_MS = 3_600_000;

/**
 * Words for a median response time, rounded up so the promise is kept: under an hour, N hours
 * (under a day), or N days.
 *
 * Example: describeResponseTime(40 * 60_000) === "usually replies within an hour"
 * Example: describeResponseTime(5.2 * 3_600_000) === "usually replies within 6 hours"
 * Example: describeResponseTime(30 * 3_600_000) === "usually replies within 2 days"
 */
export function describeResponseTime(medianMilliseconds: number): string {
  const hours = Math.max(0, medianMilliseconds) / HOUR_MS;
  if (hours <= 1) return "usually replies within an hour";
  if (hours < 24) return `usually replies within ${Math.ceil(hours)} hours`;
  const days = Math.ceil(hours / 24);
  return days === 1 ? "usually replies within a day" : `usually replies within ${days} days`;
}
