import { z } from "zod";

/**
 * The realtime socket's wire shapes (GET /api/realtime, one WebSocket per tab). Pushes name what
 * changed by topic and sequence number only; the tab reads the thing again through the API.
 */
export const REALTIME_PATH = "/api/realtime";

export const TOPIC_KINDS = [
  "user",
  "org",
  "programme",
  "request",
  "relationship",
  "match-run",
  "csv-import",
] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "<kind>:<uuid>", e.g. "request:0b8c…"; a topic is what a push is about. */
export type Topic = `${TopicKind}:${string}`;

export function topic(kind: TopicKind, id: string): Topic {
  return `${kind}:${id}`;
}

/** The kind and id of a topic, or null when it is not one (unknown kind, not a lowercase uuid). */
export function parseTopic(value: string): { kind: TopicKind; id: string } | null {
  const colon = value.indexOf(":");
  const kind = value.slice(0, colon) as TopicKind;
  const id = value.slice(colon + 1);
  if (colon < 0 || !TOPIC_KINDS.includes(kind) || !UUID.test(id)) return null;
  return { kind, id };
}

/** At most this many topics per socket: a page needs a handful. */
export const MAX_TOPICS_PER_SOCKET = 100;

export const ClientMessageSchema = z.object({
  type: z.enum(["subscribe", "unsubscribe"]),
  topics: z.array(z.string().max(100)).min(1).max(MAX_TOPICS_PER_SOCKET),
});
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ServerMessage =
  /** The topics now heard, and those refused (not allowed, or not found: the same to the asker). */
  | { type: "subscribed"; topics: string[]; refused: string[] }
  /** Something about these topics committed; `seq` grows across the whole database. */
  | { type: "event"; seq: number; topics: string[] }
  /** Pushes may have been missed (the server lost its feed): read everything shown again. */
  | { type: "resync" };

/** Close codes: the 4000 range is the application's. The reason says what was wrong. */
export const CLOSE_CODES = {
  /** A message that is not JSON, not a subscribe/unsubscribe, or names a topic that is not one. */
  badMessage: 4400,
  /** The session ended (signed out, expired, revoked). */
  signedOut: 4401,
  /** The socket fell too far behind reading pushes; reconnect and read again. */
  tooSlow: 4408,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;
