import type { OrgId } from "../../core/accounts/types.ts";
import { buildMentorIndex, type MentorIndex } from "../../core/programmes/mentor-index.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ChangeFeed } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";

/** How many programmes an instance keeps indexed (the least recently searched is dropped). */
const MAX_PROGRAMMES = 8;

interface Entry {
  orgId: string;
  index: Promise<MentorIndex>;
}

interface Cache {
  entries: Map<string, Entry>;
}

const caches = new WeakMap<ChangeFeed, Cache>();

function cacheOf(changes: ChangeFeed): Cache {
  let cache = caches.get(changes);
  if (!cache) {
    const entries = new Map<string, Entry>();
    cache = { entries };
    caches.set(changes, cache);
    changes.subscribe({
      change({ orgId, programmeId }) {
        if (programmeId !== null) entries.delete(programmeId);
        else for (const [key, entry] of entries) if (entry.orgId === orgId) entries.delete(key);
      },
      reset() {
        entries.clear();
      },
    });
  }
  return cache;
}

/**
 * The programme's mentor index, kept per instance and dropped when the change feed reports a
 * write to the programme's enrolments or relationships or to a profile of its organisation, from
 * this instance or any other. Every call first syncs with the feed (one round trip), so a search
 * sees every write committed before it began. Null when the feed is down: nothing kept can be
 * trusted then, and the caller searches the database directly.
 *
 * An index built while a change arrives is still right for the call that built it (its snapshot
 * began after the call did) but is not kept: the change removed its entry.
 */
export async function mentorIndex(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
): Promise<MentorIndex | null> {
  const cache = cacheOf(deps.changes);
  if (!(await deps.changes.sync())) {
    cache.entries.clear();
    return null;
  }
  const kept = cache.entries.get(programmeId);
  if (kept && kept.orgId === orgId) {
    // Most recently used last.
    cache.entries.delete(programmeId);
    cache.entries.set(programmeId, kept);
    return kept.index;
  }
  const entry: Entry = {
    orgId,
    index: deps.repos.mentorSearch.indexRows(orgId, programmeId).then(buildMentorIndex),
  };
  cache.entries.set(programmeId, entry);
  while (cache.entries.size > MAX_PROGRAMMES)
    cache.entries.delete(cache.entries.keys().next().value as string);
  entry.index.catch(() => {
    if (cache.entries.get(programmeId) === entry) cache.entries.delete(programmeId);
  });
  return entry.index;
}
