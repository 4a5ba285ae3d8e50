import type { Session } from "../../contracts/accounts.ts";
import type { SessionId, SessionRecord } from "../../core/accounts/types.ts";

export function presentSession(session: SessionRecord, currentId: SessionId): Session {
  return {
    id: session.id,
    current: session.id === currentId,
    userAgent: session.userAgent,
    ipAddress: session.ipAddress,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
  };
}
